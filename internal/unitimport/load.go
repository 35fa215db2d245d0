package unitimport

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// Record is one administrative unit to import.
type Record struct {
	Code      string    // the GSO code: 2 digits for a province, 5 for a ward or commune
	Parent    string    // the province's code for a ward or commune; "" for the province
	Kind      unit.Kind // City for the province, Ward or Commune below it
	NameVI    string    // the full name, e.g. "Phường Hoàn Kiếm"
	NameEN    string    // e.g. "Hoan Kiem Ward"
	ShortName string    // the name without its level, e.g. "Hoàn Kiếm"
}

// source is one province of the simplified JSON of vn-provinces-db.
type source struct {
	Code       string `json:"Code"`
	Name       string `json:"Name"`
	FullName   string `json:"FullName"`
	FullNameEn string `json:"FullNameEn"`
	Wards      []struct {
		Code         string `json:"Code"`
		Name         string `json:"Name"`
		FullName     string `json:"FullName"`
		FullNameEn   string `json:"FullNameEn"`
		ProvinceCode string `json:"ProvinceCode"`
	} `json:"Wards"`
}

// Load reads the simplified JSON of vn-provinces-db at path and returns the
// province with code province, then its wards and communes in file order.
// Names are trimmed and put in Unicode NFC; nothing else is corrected. It
// returns Invalid when the file cannot be read or parsed, names a unit of
// an unknown level, or repeats a code, and NotFound when the province is
// not in it.
func Load(path, province string) ([]Record, error) {
	const op = "unitimport.Load"
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errs.E(op, errs.Invalid, err)
	}
	var provinces []source
	if err := json.Unmarshal(data, &provinces); err != nil {
		return nil, errs.E(op, errs.Invalid, fmt.Errorf("%s: %w", path, err))
	}
	for _, p := range provinces {
		if p.Code == province {
			recs, err := records(p)
			if err != nil {
				return nil, errs.E(op, errs.Invalid, fmt.Errorf("%s: %w", path, err))
			}
			return recs, nil
		}
	}
	return nil, errs.E(op, errs.NotFound, fmt.Errorf("province %q is not in %s", province, path))
}

// records converts one province and its wards.
func records(p source) ([]Record, error) {
	out := []Record{{Code: p.Code, Kind: unit.City, NameVI: clean(p.FullName), NameEN: clean(p.FullNameEn), ShortName: clean(p.Name)}}
	seen := map[string]bool{p.Code: true}
	for _, w := range p.Wards {
		kind, err := kindOf(clean(w.FullName))
		if err != nil {
			return nil, fmt.Errorf("unit %s: %w", w.Code, err)
		}
		if seen[w.Code] {
			return nil, fmt.Errorf("code %s appears twice", w.Code)
		}
		seen[w.Code] = true
		out = append(out, Record{Code: w.Code, Parent: p.Code, Kind: kind,
			NameVI: clean(w.FullName), NameEN: clean(w.FullNameEn), ShortName: clean(w.Name)})
	}
	return out, nil
}

// kindOf returns the kind of a commune-level unit from the level its full
// name starts with. A special zone (đặc khu, 13 island units, none in
// Hanoi) has no kind of its own and is imported as a commune.
func kindOf(fullName string) (unit.Kind, error) {
	level := strings.ToLower(fullName)
	switch {
	case strings.HasPrefix(level, "phường "):
		return unit.Ward, nil
	case strings.HasPrefix(level, "xã "), strings.HasPrefix(level, "đặc khu "):
		return unit.Commune, nil
	}
	return "", fmt.Errorf("unknown level in %q (want Phường, Xã or Đặc khu)", fullName)
}

// clean returns s in NFC with its spaces collapsed.
func clean(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}
