//go:build !linux

package pgtest

import "syscall"

// sysProcAttr runs children as the current user: switching to another
// user (when the tests run as root) is supported on Linux only.
func sysProcAttr(*account) *syscall.SysProcAttr { return nil }
