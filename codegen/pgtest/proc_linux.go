package pgtest

import "syscall"

// sysProcAttr runs a child as a (nil: the current user), and has the kernel
// stop the postmaster (SIGQUIT: immediate shutdown) should the test binary
// die without stopping it, as on a test timeout.
func sysProcAttr(a *account) *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Pdeathsig: syscall.SIGQUIT}
	if a != nil {
		attr.Credential = &syscall.Credential{Uid: a.uid, Gid: a.gid, Groups: []uint32{}}
	}
	return attr
}
