//go:build !linux

package redistest

import "os/exec"

// dieWithParent is a no-op where the platform has no parent-death signal;
// call Close from TestMain there.
func dieWithParent(cmd *exec.Cmd) {}
