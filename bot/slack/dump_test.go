package slack_test

import (
	"testing"

	"ctdesk/bot/slack/slacktest"
)

// dump logs a person's DM, to see where a flow went astray.
func dump(t *testing.T, srv *slacktest.Server, user string) {
	for _, m := range srv.Messages(user) {
		t.Logf("%s %s: %q %v", m.TS, m.User, m.Full(), m.Labels())
	}
}
