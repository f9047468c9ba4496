package check

import (
	"net/url"
	"strings"
)

// URL reads a web address: "https://" is added when no scheme was typed.
// The address is http or https, has a host name of at least two labels
// (a port may follow), no user name or password, and no space.
func URL(text string) (string, bool) {
	text = strings.TrimSpace(text)
	if text == "" || strings.ContainsAny(text, " \t\r\n") {
		return "", false
	}
	if !strings.Contains(text, "://") {
		text = "https://" + text
	}
	u, err := url.Parse(text)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.Opaque != "" {
		return "", false
	}
	if !HostName(u.Hostname()) {
		return "", false
	}
	return u.String(), true
}
