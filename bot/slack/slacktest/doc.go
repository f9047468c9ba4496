// Package slacktest is a fake Slack on loopback for tests: the Web API methods
// a bot in direct messages uses, the file upload and download hosts, and a
// Socket Mode websocket, all speaking the wire format that
// github.com/slack-go/slack sends and expects:
//
//	srv := slacktest.New(t)
//	api := slack.New(srv.BotToken(), slack.OptionAPIURL(srv.APIURL()),
//		slack.OptionAppLevelToken(srv.AppToken()))
//
// The test plays the people: Say, Press, Share, Slash and Mention create
// Events API, interactive and slash-command payloads. They go in a Socket
// Mode envelope to the connected client (queued until one connects, and
// redelivered with retry_attempt when a connection drops before the ack), or,
// after UseHTTP, in a signed POST to the app's request URL. What the bot did is
// inspected per channel with Messages (updates applied), Ephemerals, Acks
// (with their latency) and Calls. FailNext injects errors such as a 429 with
// Retry-After; Disconnect sends Slack's refresh request.
//
// The fake checks what Slack checks and counts refusals in Malformed: tokens
// on every call (the bot token for the Web API and file URLs, the app token
// for apps.connections.open), Block Kit limits (50 blocks, 3000 characters
// per section, 75 per button label, 2000 per button value, unique action ids)
// and known channels and users.
package slacktest
