package procexport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/cong-vn/cong/internal/procedure"
)

// Format is an export format.
type Format string

// The formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	JSON Format = "json"
)

// Formats lists the formats.
var Formats = []Format{CSV, XLSX, JSON}

// ParseFormat returns the format named s, or an error naming the formats.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown export format %q: want csv, xlsx or json", s)
}

// ContentType returns the media type of f, for downloads.
func (f Format) ContentType() string {
	switch f {
	case CSV:
		return "text/csv; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/json"
}

// Export writes ps to w in format f. It returns the writer's errors and an
// error for an unknown format.
func Export(w io.Writer, f Format, ps []*procedure.Procedure) error {
	switch f {
	case CSV:
		return writeCSV(w, ps)
	case XLSX:
		return writeXLSX(w, ps)
	case JSON:
		return writeJSON(w, ps)
	}
	return fmt.Errorf("unknown export format %q", f)
}

// bom is the UTF-8 byte order mark that spreadsheet programs look for.
const bom = "\uFEFF"

func writeCSV(w io.Writer, ps []*procedure.Procedure) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(Headers()); err != nil {
		return err
	}
	for _, p := range ps {
		if err := cw.Write(Row(p)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Record is one procedure in the JSON export: its content and the state of
// the exported version.
type Record struct {
	*procedure.Procedure
	Status        procedure.Status `json:"status"`
	Version       int              `json:"version"`
	OwnerUnitCode string           `json:"owner_unit_code"`
	UpdatedAt     time.Time        `json:"updated_at"`
}

// File is the JSON export.
type File struct {
	Procedures []Record `json:"procedures"`
}

func writeJSON(w io.Writer, ps []*procedure.Procedure) error {
	f := File{Procedures: make([]Record, len(ps))}
	for i, p := range ps {
		f.Procedures[i] = Record{Procedure: p, Status: p.Status, Version: p.Version,
			OwnerUnitCode: p.OwnerUnitCode, UpdatedAt: p.Revision.At}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(f)
}
