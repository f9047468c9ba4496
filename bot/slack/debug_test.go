package slack_test

import (
	"testing"

	"ctdesk/bot/slack/slacktest"
)

func dump(t *testing.T, srv *slacktest.Server, user string) {
	for _, m := range srv.Messages(user) {
		t.Logf("%s %s: %q %v", m.TS, m.User, m.Full(), m.Labels())
	}
}
