package migrate

// LockKeys exposes lockKeys to the tests.
var LockKeys = lockKeys
