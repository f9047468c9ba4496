package main

import (
	"flag"
	"fmt"
	goruntime "runtime"
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=v1.2.0"
// when the source has no version control information (a container build).
var version = ""

func versionCommand() *command {
	return &command{name: "version", aliases: []string{"versión"},
		summary: "muestra la versión y cómo se compiló",
		setup: func(*flag.FlagSet) runFunc {
			return func(c *call) error {
				fmt.Fprint(c.stdout, versionText())
				return nil
			}
		}}
}

// versionName is the version alone, as "v1.2.0" or "desarrollo".
func versionName() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "desarrollo"
}

// versionText describes the binary from its build information.
func versionText() string {
	var b strings.Builder
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintf(&b, "ctdesk %s\n", versionName())
	if !ok {
		fmt.Fprintf(&b, "  Go: %s %s/%s\n", goruntime.Version(), goruntime.GOOS, goruntime.GOARCH)
		return b.String()
	}
	s := map[string]string{}
	for _, kv := range info.Settings {
		s[kv.Key] = kv.Value
	}
	if rev := s["vcs.revision"]; rev != "" {
		line := "  revisión: " + rev
		if t := s["vcs.time"]; t != "" {
			line += " del " + t
		}
		if s["vcs.modified"] == "true" {
			line += " (con cambios sin confirmar)"
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, "  Go: %s %s/%s\n", info.GoVersion, goruntime.GOOS, goruntime.GOARCH)
	var flags []string
	for _, k := range []string{"CGO_ENABLED", "-trimpath", "-ldflags", "-tags"} {
		if val, set := s[k]; set {
			flags = append(flags, k+"="+val)
		}
	}
	if len(flags) > 0 {
		fmt.Fprintf(&b, "  compilación: %s\n", strings.Join(flags, " "))
	}
	return b.String()
}
