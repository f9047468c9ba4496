package telegramtest_test

import (
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

// BenchmarkSendMessage measures the fake's throughput with the real client, one chat per send.
func BenchmarkSendMessage(b *testing.B) {
	srv := telegramtest.New(b, telegramtest.WithoutLimits())
	bot, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		m := tgbotapi.NewMessage(int64(i%1000+1), "Recordatorio: <b>CT-2026-0001</b>")
		m.ParseMode = tgbotapi.ModeHTML
		if _, err := bot.Send(m); err != nil {
			b.Fatal(err)
		}
	}
	if srv.Malformed() != 0 {
		b.Fatalf("malformed %d", srv.Malformed())
	}
}
