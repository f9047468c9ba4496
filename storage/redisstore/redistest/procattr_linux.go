package redistest

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes redis-server exit when the test binary does, so a
// server shared through Launch never outlives its tests.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
