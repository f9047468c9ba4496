// Package telegramtest is a fake Telegram Bot API server for tests and load runs.
//
// It listens on loopback, speaks the Bot API wire format (form-encoded, multipart and JSON
// requests; {"ok":...} answers with error_code, description and parameters.retry_after) and is
// meant to be driven by the real client library, github.com/go-telegram-bot-api/telegram-bot-api/v5:
//
//	srv := telegramtest.New(t)
//	bot, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
//
// The test plays the human: SendText, SendPhoto, SendDocument and Press create updates, which are
// queued for getUpdates (with real offset semantics) or POSTed to the webhook when one is set.
// What the bot did is inspected with Messages, Sent, Answers, Commands and Webhook.
//
// The server validates like Telegram does (HTML parse mode, text and caption lengths in UTF-16
// code units, callback_data of 1..64 bytes, file size limits, command names) and enforces
// Telegram-like rate limits. Every 4xx answer caused by a bad request is counted by Malformed and
// every 429 caused by exceeding a limit is counted by TooMany, so a test can assert that the bot
// never sends anything Telegram would reject or throttle. FailNext, SetFault and Block inject
// errors (429 with retry_after, 5xx, 403 "bot was blocked by the user").
//
// Where the fake is stricter than Telegram it says so: a bare "&" in HTML text is rejected,
// and chats must exist only when WithKnownChatsOnly is given.
package telegramtest
