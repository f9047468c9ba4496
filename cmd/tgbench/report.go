package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// printResult writes the intake-only run as a table.
func printResult(w io.Writer, label string, r result) {
	fmt.Fprintf(w, "\n[%s] %s, store %s, %d users, %d round(s)\n", label, r.name, r.store, r.users, r.rounds)
	row := func(name, value, note string) {
		fmt.Fprintf(w, "  %-28s %-44s %s\n", name, value, note)
	}
	row("updates handled", fmt.Sprintf("%d in %.2f s = %.0f updates/s", r.updates, r.spent.wall.Seconds(), r.updatesPerSecond()), "")
	row("dialog+store latency", pct(r.handle), "the update handed over -> Handle returns (committed)")
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
	row("process CPU per update", us(r.perUpdate(r.spent.cpu)), "this process: intake, engine, store client (no adapter, no outbox)")
	if r.store == "redis" {
		row("redis-server CPU per update", us(r.perUpdate(r.spent.serverCPU)), "/proc/<pid>/stat of the run's redis-server")
		row("Redis round trips per update", fmt.Sprintf("%.2f (max %d)", ratio(r.tripsInHandle, r.updates), r.maxTrips),
			fmt.Sprintf("made while handling; all of the store's client: %.2f per update", ratio(r.spent.trips, r.updates)))
	}
	dialog := fmt.Sprintf("%d open, Dialog.Data avg %.0f B, max %d B", r.dialogs.open, r.dialogs.avgData, r.dialogs.maxData)
	if r.store == "redis" {
		dialog += fmt.Sprintf("; MEMORY USAGE of the dialog key avg %.0f B", r.dialogs.avgRedisBytes)
	}
	row("open dialog in the store", dialog, "every user half through the form")
	row("Go heap per open dialog", fmt.Sprintf("%.0f B", r.heapPerDialog),
		fmt.Sprintf("heap after GC, all open less all closed at the end, / users; less the start: %.0f B (pools, caches)", r.heapGrowth))
}

// printWhole writes the whole-process run as a table.
func printWhole(w io.Writer, r wholeResult) {
	fmt.Fprintf(w, "\n[process] ctdesk as its own process over the fake Bot API, store %s, %d users, %d round(s)", r.store, r.users, r.rounds)
	if r.queued > 0 {
		fmt.Fprintf(w, ", %d messages queued for tomorrow", r.queued)
	}
	fmt.Fprintln(w)
	row := func(name, value, note string) {
		fmt.Fprintf(w, "  %-30s %-42s %s\n", name, value, note)
	}
	row("updates", fmt.Sprintf("%d in %.2f s = %.0f updates/s", r.updates, r.spent.wall.Seconds(), float64(r.updates)/r.spent.wall.Seconds()),
		"first update -> last answer, the memory pause taken out")
	row("reply latency", pct(r.reply), "the user's update -> the bot's answer received by the fake")
	row("ctdesk CPU per update", us(r.per(r.spent.bot)), "/proc/<pid>/stat of ctdesk: adapter, HTTP, intake, outbox, acks")
	if r.store == "redis" {
		row("redis-server CPU per update", us(r.per(r.spent.redis)), "/proc/<pid>/stat of redis-server")
		row("Redis commands per update", fmt.Sprintf("%.2f", r.perUpdate(r.spent.work.commands)), "INFO total_commands_processed; those inside scripts included")
		var calls, spent []string
		for _, name := range top(r.spent.work.byCmd, 16) {
			calls = append(calls, fmt.Sprintf("%s %.2f", name, r.perUpdate(r.spent.work.byCmd[name])))
		}
		for _, name := range top(r.spent.work.usec, 6) {
			spent = append(spent, fmt.Sprintf("%s %.1fµs", name, r.perUpdate(r.spent.work.usec[name])))
		}
		row("  calls by command", strings.Join(calls, ", "), "INFO commandstats")
		row("  time by command", strings.Join(spent, ", "), "INFO commandstats usec (a script's time includes its commands')")
		row("client round trips per update", fmt.Sprintf("%.2f", r.perUpdate(r.spent.work.reads)), "INFO total_reads_processed (a pipeline is one)")
		open := r.open.grown()
		var parts []string
		for _, c := range r.open.classes() {
			parts = append(parts, fmt.Sprintf("%s %.0f B", c, float64(r.open[c].bytes)/float64(r.users)))
		}
		row("Redis bytes per open dialog", fmt.Sprintf("%.0f B", float64(open)/float64(r.users)), "what the keys grew by with each form half filled, / users")
		row("  by key", strings.Join(parts, ", "), "MEMORY USAGE of each key")
	}
	row("outbound", fmt.Sprintf("%d messages, %.0f msg/s, 429s %d, malformed %d", r.delivered,
		float64(r.delivered)/r.spent.wall.Seconds(), r.tooMany, r.malformed), "")
}

// printTargets compares the whole-process run with the targets of the
// performance issue (and DESIGN §7 for latency).
func printTargets(w io.Writer, r wholeResult) {
	fmt.Fprintf(w, "\ntargets, store %s, %d users\n", r.store, r.users)
	row := func(name, target, got string, ok bool) {
		verdict := "ok"
		if !ok {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "  %-30s %-12s %-24s %s\n", name, target, got, verdict)
	}
	bot := r.per(r.spent.bot)
	if r.store == "sqlite" {
		row("ctdesk CPU per update", "<= 200µs", us(bot), bot <= 200*time.Microsecond)
	} else {
		row("ctdesk CPU per update", "<= 150µs", us(bot), bot <= 150*time.Microsecond)
		red := r.per(r.spent.redis)
		row("redis-server CPU per update", "<= 40µs", us(red), red <= 40*time.Microsecond)
		cmds := r.perUpdate(r.spent.work.commands)
		row("Redis commands per update", "<= 8", fmt.Sprintf("%.2f", cmds), cmds <= 8)
		trips := r.perUpdate(r.spent.work.reads)
		row("client round trips/update", "<= 3", fmt.Sprintf("%.2f", trips), trips <= 3)
		b := float64(r.open.grown()) / float64(r.users)
		row("Redis bytes per open dialog", "<= 1 KB", fmt.Sprintf("%.0f B", b), b <= 1024)
	}
	row("reply p99 (DESIGN §7)", "< 10ms", ms(r.reply.p99), r.reply.p99 < 10*time.Millisecond)
	row("429s", "0", fmt.Sprint(r.tooMany), r.tooMany == 0)
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
