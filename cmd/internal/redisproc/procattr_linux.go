package redisproc

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes redis-server exit when the tool does, even killed.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
