package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The statements of the hot paths: a chat update (dialog, sender, commit)
// and the outbox. They are prepared once at Open, so SQLite parses them
// once per connection instead of on every call.
const (
	qMarkSeen = `INSERT INTO seen (key, expires_at) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
		WHERE seen.expires_at != 0 AND seen.expires_at <= ?`
	// qMark raises a stream's mark; it changes no row when a live mark is
	// at or past the number.
	qMark = `INSERT INTO marks (stream, n, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (stream) DO UPDATE SET n = excluded.n, expires_at = excluded.expires_at
		WHERE marks.n < excluded.n OR marks.expires_at <= ?`

	// qDialogCreate and qDialogUpdate check the expected version
	// themselves: each changes a row only when the live version (0 when
	// absent or expired) is the expected one.
	qDialogVersion = "SELECT version FROM dialogs WHERE person = ? AND " + live
	qDialogCreate  = `INSERT INTO dialogs (person, version, data, updated, expires_at)
		VALUES (?, 1, ?, ?, ?)
		ON CONFLICT (person) DO UPDATE SET version = 1, data = excluded.data,
			updated = excluded.updated, expires_at = excluded.expires_at
		WHERE dialogs.expires_at != 0 AND dialogs.expires_at <= ?`
	qDialogUpdate = `UPDATE dialogs SET version = version + 1, data = ?, updated = ?, expires_at = ?
		WHERE person = ? AND version = ? AND ` + live
	qDialogDelete = "DELETE FROM dialogs WHERE person = ?"
	qDialog       = "SELECT version, data, updated FROM dialogs WHERE person = ? AND " + live

	qTicketVersion = "SELECT version FROM tickets WHERE folio = ?"
	qTicketPut     = `INSERT INTO tickets
		(folio, version, status, requester, assignee, service, area, created, data, updated, due, words)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (folio) DO UPDATE SET version = excluded.version, status = excluded.status,
			requester = excluded.requester, assignee = excluded.assignee, service = excluded.service,
			area = excluded.area, created = excluded.created, data = excluded.data,
			updated = excluded.updated, due = excluded.due, words = excluded.words`
	qTicket = "SELECT data FROM tickets WHERE folio = ?"

	qNextFolio = `INSERT INTO folio_counters (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`

	qLogAppend = "INSERT INTO log (at, folio, data) VALUES (?, ?, ?)"

	qOutboxPut = `INSERT INTO outbox
		(id, recipient, payload, created, not_before, visible_at, attempts, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	// An item is ready to go when visible_at is 0; otherwise visible_at is
	// when it is due (in flight, retried or not due yet). qOutboxDue makes
	// the items due at ? ready, and qOutboxClaim hides the first ? ready
	// items, in Seq order, until ? and returns them. Both walk the index
	// (visible_at, seq) from where they start, never past an item in
	// flight, so a deep queue does not make a claim dearer.
	qOutboxDue   = "UPDATE outbox SET visible_at = 0 WHERE visible_at > 0 AND visible_at <= ?"
	qOutboxClaim = `UPDATE outbox SET visible_at = ?
		WHERE seq IN (SELECT seq FROM outbox WHERE visible_at = 0 ORDER BY seq LIMIT ?)
		RETURNING seq, id, recipient, payload, created, not_before, attempts, last_error, sent`
	qOutboxAck   = "DELETE FROM outbox WHERE id = ?"
	qOutboxRetry = `UPDATE outbox SET attempts = attempts + 1, last_error = ?,
		not_before = ?, visible_at = ? WHERE id = ?`

	qPersonPut      = `INSERT INTO people (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data`
	qAccountsDelete = "DELETE FROM accounts WHERE person = ?"
	qAccountPut     = "INSERT OR REPLACE INTO accounts (platform, account, person) VALUES (?, ?, ?)"
	qPerson         = "SELECT data FROM people WHERE id = ?"
	qPersonByAcct   = `SELECT p.data FROM accounts a JOIN people p ON p.id = a.person
		WHERE a.platform = ? AND a.account = ?`
)

// writeStmts are prepared on the writer; inside a transaction they are
// bound to it with Tx.StmtContext, which reuses the statement already
// prepared on the transaction's connection.
type writeStmts struct {
	markSeen, mark                        *sql.Stmt
	dialogVersion, dialogDelete           *sql.Stmt
	dialogCreate, dialogUpdate            *sql.Stmt
	ticketVersion, ticketPut              *sql.Stmt
	nextFolio, logAppend                  *sql.Stmt
	outboxPut, outboxClaim, outboxAck     *sql.Stmt
	outboxDue, outboxRetry                *sql.Stmt
	personPut, accountsDelete, accountPut *sql.Stmt
}

// readStmts are prepared on the reader pool.
type readStmts struct {
	dialog, ticket, person, personByAccount *sql.Stmt
}

// preparer prepares statements on one database and remembers them to close.
type preparer struct {
	ctx context.Context
	db  *sql.DB
	all *[]*sql.Stmt
	err error
}

func (p *preparer) prepare(query string) *sql.Stmt {
	if p.err != nil {
		return nil
	}
	st, err := p.db.PrepareContext(p.ctx, query)
	if err != nil {
		p.err = fmt.Errorf("prepare %q: %w", query, err)
		return nil
	}
	*p.all = append(*p.all, st)
	return st
}

// prepareWrites prepares the writer's statements.
func (s *Store) prepareWrites(ctx context.Context) error {
	p := &preparer{ctx: ctx, db: s.w, all: &s.stmts}
	s.ws = writeStmts{
		markSeen:       p.prepare(qMarkSeen),
		mark:           p.prepare(qMark),
		dialogVersion:  p.prepare(qDialogVersion),
		dialogDelete:   p.prepare(qDialogDelete),
		dialogCreate:   p.prepare(qDialogCreate),
		dialogUpdate:   p.prepare(qDialogUpdate),
		ticketVersion:  p.prepare(qTicketVersion),
		ticketPut:      p.prepare(qTicketPut),
		nextFolio:      p.prepare(qNextFolio),
		logAppend:      p.prepare(qLogAppend),
		outboxPut:      p.prepare(qOutboxPut),
		outboxDue:      p.prepare(qOutboxDue),
		outboxClaim:    p.prepare(qOutboxClaim),
		outboxAck:      p.prepare(qOutboxAck),
		outboxRetry:    p.prepare(qOutboxRetry),
		personPut:      p.prepare(qPersonPut),
		accountsDelete: p.prepare(qAccountsDelete),
		accountPut:     p.prepare(qAccountPut),
	}
	return p.err
}

// prepareReads prepares the readers' statements.
func (s *Store) prepareReads(ctx context.Context) error {
	p := &preparer{ctx: ctx, db: s.r, all: &s.stmts}
	s.rs = readStmts{
		dialog:          p.prepare(qDialog),
		ticket:          p.prepare(qTicket),
		person:          p.prepare(qPerson),
		personByAccount: p.prepare(qPersonByAcct),
	}
	return p.err
}

// closeStmts closes every prepared statement; closing them again is harmless.
func (s *Store) closeStmts() error {
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = nil
	return errors.Join(errs...)
}

// txExec runs the prepared statement st inside tx.
func txExec(ctx context.Context, tx *sql.Tx, st *sql.Stmt, args ...any) (sql.Result, error) {
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

// txQueryRow runs the prepared query st inside tx.
func txQueryRow(ctx context.Context, tx *sql.Tx, st *sql.Stmt, args ...any) *sql.Row {
	return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}
