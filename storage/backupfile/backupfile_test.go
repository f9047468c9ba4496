package backupfile

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"ctdesk/storage"
)

func sample(emit func(storage.Record) error) error {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, r := range []storage.Record{
		{Ticket: &storage.Ticket{Folio: "CT-2026-0001", Version: 3, Service: "correo", Created: at}},
		{Log: &storage.LogEntry{Seq: 7, At: at, Who: "rosa", Action: "solicitud"}},
		{File: &storage.FileCopy{File: storage.File{ID: "f", Name: "a.bin", Size: 3}, Bytes: []byte{0, 1, 255}}},
	} {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	tr, err := Write(&buf, Header{Source: "sqlite"}, sample)
	if err != nil || tr.Records != 3 || tr.Counts["file"] != 1 {
		t.Fatalf("Write: %+v, %v", tr, err)
	}
	h, recs, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil || h.Source != "sqlite" || h.Format != Format {
		t.Fatalf("Read: %+v, %v", h, err)
	}
	var got []storage.Record
	for r, err := range recs {
		if err != nil {
			t.Fatalf("record: %v", err)
		}
		got = append(got, r)
	}
	if len(got) != 3 || got[0].Ticket.Version != 3 || got[1].Log.Seq != 7 || !bytes.Equal(got[2].File.Bytes, []byte{0, 1, 255}) {
		t.Errorf("records: %+v", got)
	}
}

func TestTruncatedAndForeignFilesAreRefused(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, Header{}, sample); err != nil {
		t.Fatal(err)
	}
	whole := buf.Bytes()
	for _, cut := range []int{len(whole) - 20, len(whole) / 2} {
		_, recs, err := Read(bytes.NewReader(whole[:cut]))
		if err != nil {
			continue // the header itself was cut
		}
		var last error
		for _, err := range recs {
			last = err
		}
		if !errors.Is(last, ErrTruncated) {
			t.Errorf("a file cut at %d of %d bytes: last error %v, want ErrTruncated", cut, len(whole), last)
		}
	}
	if _, _, err := Read(bytes.NewReader([]byte("institution: x\n"))); !errors.Is(err, ErrNotBackup) {
		t.Errorf("a YAML file: got %v, want ErrNotBackup", err)
	}
}
