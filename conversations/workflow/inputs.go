package workflow

// What an action asks for before it applies, as short sequences of the
// form's own questions: a bad answer gets the same message and the same
// question again as in a form. The engine asks the first one as the
// action's own question ("<service>.in.<action>"), the others by their
// field ("<service>.in.<action>.<field>").

// TextInput asks for a free text (a reason, a note, requested changes).
func TextInput() []Field { return []Field{{ID: "texto", Kind: KindText, Max: 2000}} }

// OptionalTextInput asks for a free text that may be skipped.
func OptionalTextInput() []Field {
	return []Field{{ID: "texto", Kind: KindText, Max: 2000, Optional: true}}
}

// DateInput asks for a committed date, offering the next business days.
func DateInput() []Field { return []Field{dateField} }

// DateNoteInput asks for a committed date, then an optional note for the
// requester (how the work will go).
func DateNoteInput() []Field {
	return []Field{dateField, {ID: "texto", Kind: KindText, Max: 2000, Optional: true}}
}

// DateReasonInput asks for a committed date, then the text that goes with
// it: a diagnosis, or why the date changed.
func DateReasonInput() []Field {
	return []Field{dateField, {ID: "reason", Kind: KindText, Max: 1000}}
}

var dateField = Field{ID: "fecha", Kind: KindDate, Days: 5}

// FilesInput asks for one or more files, then «Listo».
func FilesInput() []Field { return []Field{{ID: "archivos", Kind: KindFile, Multi: true}} }

// TextOrFilesInput asks for a text, or files then «Listo» (a result typed
// or sent as a document).
func TextOrFilesInput() []Field {
	return []Field{{ID: "texto", Kind: KindText, Max: 2000, Files: true}}
}

// URLInput asks for a web address, kept in the ticket's field.
func URLInput(field string) []Field {
	return []Field{{ID: field, Kind: KindURL, Keep: true}}
}

// ChoiceInput asks to choose one of choices, labelled
// "<service>.<field>.<choice>" and kept in the ticket's field.
func ChoiceInput(field string, choices ...string) []Field {
	return []Field{{ID: field, Kind: KindChoice, Choices: choices, Keep: true}}
}

// PickInput asks to choose one of the files the action from sent the last
// time it applied (a draft), kept in the ticket's field.
func PickInput(field, from string) []Field {
	return []Field{{ID: field, Kind: KindChoice, FilesOf: from, Keep: true}}
}

// ReportPhotos asks, after the photos given to field (evidence, results),
// which ones go in the photo memory of the quarterly report DP-RG.02, and
// a caption for each: a short step CT may skip, asked only when photos
// were given.
func ReportPhotos(field string) []Field {
	return []Field{
		{ID: "informe", Kind: KindChoice, Multi: true, Optional: true, PhotosOf: field,
			When: func(a Answers) bool { return len(a.Photos(field)) > 0 }},
		{ID: "pie", Kind: KindText, Max: 200, CaptionsOf: "informe",
			When: func(a Answers) bool { return a["informe"] != "" }},
	}
}

// AssigneeInput asks whom to assign the ticket to.
func AssigneeInput() []Field {
	return []Field{{ID: "tecnico", Kind: KindChoice, StaffChoice: true}}
}
