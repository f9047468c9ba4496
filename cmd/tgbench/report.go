package main

import (
	"fmt"
	"io"
	"time"
)

// printResult writes one part of the updates run as a table.
func printResult(w io.Writer, label string, r result) {
	fmt.Fprintf(w, "\n[%s] %s, %d round(s)\n", label, r.name, r.rounds)
	row := func(name, value, note string) {
		fmt.Fprintf(w, "  %-28s %-44s %s\n", name, value, note)
	}
	row("updates handled", fmt.Sprintf("%d in %.2f s = %.0f updates/s", r.updates, r.spent.wall.Seconds(), r.updatesPerSecond()), "")
	row("dialog+store latency", pct(r.handle), "adapter hands the update over -> Handle returns (committed)")
	steps := correoSteps(0, 0)
	for n, p := range r.steps {
		if n >= len(steps) {
			continue
		}
		note := ""
		if r.store == "redis" {
			note = fmt.Sprintf("%.2f round trips", r.stepTrips[n])
		}
		row(fmt.Sprintf("  step %d %.18s", n+1, steps[n].text+steps[n].press), pct(p), note)
	}
	if r.telegram {
		row("queued->committed latency", pct(r.pickup), "user's update queued at the fake -> committed (adds long-poll pickup, batch waits)")
		row("user->first reply latency", pct(r.reply), "user sends -> first answer reaches the fake (adds outbox pacing: ~1/s per chat, 28/s overall)")
	}
	cpuNote := "this process: ctdesk only (intake, engine, store client)"
	if r.telegram {
		cpuNote = "this process: ctdesk AND the fake Bot API AND the simulated users"
	}
	row("process CPU per update", us(r.perUpdate(r.spent.cpu)), cpuNote)
	if r.store == "redis" {
		row("redis-server CPU per update", us(r.perUpdate(r.spent.serverCPU)), "INFO cpu, used_cpu_sys+used_cpu_user")
		row("Redis round trips per update", fmt.Sprintf("%.2f (max %d)", ratio(r.tripsInHandle, r.updates), r.maxTrips),
			fmt.Sprintf("made while handling; all of the store's client: %.2f per update (adds outbox claims and acks)", ratio(r.spent.trips, r.updates)))
	}
	dialog := fmt.Sprintf("%d open, Dialog.Data avg %.0f B, max %d B", r.dialogs.open, r.dialogs.avgData, r.dialogs.maxData)
	if r.store == "redis" {
		dialog += fmt.Sprintf("; MEMORY USAGE avg %.0f B", r.dialogs.avgRedisBytes)
	}
	row("open dialog in the store", dialog, "every user half through the form")
	if r.telegram {
		// The fake's record of every chat and call grows all along and
		// lives in this heap: only the growth is shown, for what it is.
		row("Go heap growth per user", fmt.Sprintf("%.0f B", r.heapGrowth), "start -> all dialogs open; mostly the fake's record of chats and calls")
	} else {
		row("Go heap per open dialog", fmt.Sprintf("%.0f B", r.heapPerDialog),
			fmt.Sprintf("heap after GC, all open less all closed at the end, / users; less the start: %.0f B (pools, caches)", r.heapGrowth))
	}
	if r.telegram {
		row("outbound", fmt.Sprintf("%d messages, %.1f msg/s, 429s %d, malformed %d", r.delivered,
			float64(r.delivered)/r.spent.wall.Seconds(), r.tooMany, r.malformed),
			fmt.Sprintf("%d still queued at the end (the supervisor's approval requests, 1/s to one chat)", r.backlog))
	}
}

// printTargets compares the run with DESIGN §7.
func printTargets(w io.Writer, live, direct result) {
	fmt.Fprintf(w, "\ntargets (DESIGN §7), store %s, %d users\n", live.store, live.users)
	row := func(name, target, got string, ok bool) {
		verdict := "ok"
		if !ok {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "  %-26s %-10s %-52s %s\n", name, target, got, verdict)
	}
	cpu := direct.perUpdate(direct.spent.cpu)
	got := us(cpu) + " [2]"
	if direct.store == "redis" {
		got += fmt.Sprintf(" (+ redis-server %s)", us(direct.perUpdate(direct.spent.serverCPU)))
	}
	row("CPU per update", "<= 100µs", got, cpu <= 100*time.Microsecond)
	if direct.store == "redis" {
		trips := ratio(direct.tripsInHandle, direct.updates)
		row("Redis round trips/update", "<= 2", fmt.Sprintf("%.2f avg, %d max [2]", trips, direct.maxTrips), direct.maxTrips <= 2)
	}
	stored := direct.dialogs.avgData
	what := "Dialog.Data"
	if direct.store == "redis" {
		stored, what = direct.dialogs.avgRedisBytes, "MEMORY USAGE"
	}
	row("store per open dialog", "<= 1 KB", fmt.Sprintf("%.0f B avg %s [2]", stored, what), stored <= 1024)
	row("heap per open dialog", "<= 1 KB", fmt.Sprintf("%.0f B [2]", direct.heapPerDialog), direct.heapPerDialog <= 1024)
	row("p99 dialog+store", "< 10ms", fmt.Sprintf("%s over long polling [1]", ms(live.handle.p99)), live.handle.p99 < 10*time.Millisecond)
	row("429s", "0", fmt.Sprint(live.tooMany, " [1]"), live.tooMany == 0)
}

func pct(p percentiles) string {
	if p.n == 0 {
		return "no samples"
	}
	return fmt.Sprintf("p50 %s p95 %s p99 %s max %s", ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max))
}

func ms(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	}
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}

func us(d time.Duration) string { return fmt.Sprintf("%.0fµs", float64(d)/float64(time.Microsecond)) }

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
