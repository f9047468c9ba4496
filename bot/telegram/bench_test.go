package telegram_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

const benchUsers = 200

// benchPeople adds benchUsers requesters with Telegram accounts 70000+i.
func benchPeople(tb testing.TB, st storage.Store) {
	tb.Helper()
	for i := range benchUsers {
		if err := st.PutPerson(context.Background(), storage.Person{ID: "u" + strconv.Itoa(i), Name: "Usuaria " + strconv.Itoa(i),
			Role: storage.RoleUsuario, Area: "finanzas", Accounts: map[string]string{"telegram": strconv.Itoa(70000 + i)}}); err != nil {
			tb.Fatal(err)
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIntake applies updates of 200 people (each opens the menu, then
// asks for help) through the intake, the real engine and the store, as the
// adapter hands them over: updates/s, CPU per update, allocations.
func BenchmarkIntake(b *testing.B) {
	for name, open := range convtest.Stores() {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			convtest.Seed(b, st)
			benchPeople(b, st)
			in := bot.NewIntake(bottest.Engine(b, st), nil)
			var seq atomic.Int64
			texts := []string{"hola", "/ayuda"}
			b.ReportAllocs()
			b.SetParallelism(benchUsers / 2) // 200 busy people on 2 cores
			cpu := cpuTime()
			start := time.Now()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := seq.Add(1)
					ev := conversations.Event{ID: "tg:" + strconv.FormatInt(n, 10), Platform: "telegram",
						Account: strconv.Itoa(70000 + int(n)%benchUsers), Text: texts[n%2]}
					if _, err := in.Handle(context.Background(), ev); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Microsecond)/float64(b.N), "cpu-µs/update")
		})
	}
}

// BenchmarkPolling runs the same updates over the wire: the fake Bot API
// queues them, the adapter long-polls, translates and hands them to the
// engine. CPU per update includes the fake server's, in the same process.
func BenchmarkPolling(b *testing.B) {
	for name, open := range convtest.Stores() {
		b.Run(name, func(b *testing.B) {
			srv := telegramtest.New(b, telegramtest.WithoutLimits())
			st := open(b)
			r := newRig(b, srv, st, telegram.Config{})
			benchPeople(b, st)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { defer close(done); _ = r.ad.Run(ctx, bot.NewIntake(r.eng, nil)) }()
			defer func() { cancel(); <-done }()
			base := srv.Confirmed()
			b.ReportAllocs()
			cpu := cpuTime()
			start := time.Now()
			b.ResetTimer()
			for i := range b.N {
				u := telegramtest.User{ID: int64(70000 + i%benchUsers), FirstName: "U"}
				if i%2 == 0 {
					srv.SendText(u, "hola")
				} else {
					srv.SendText(u, "/ayuda")
				}
			}
			for srv.Pending() > 0 || srv.Confirmed()-base < b.N {
				time.Sleep(time.Millisecond)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Microsecond)/float64(b.N), "cpu-µs/update")
		})
	}
}
