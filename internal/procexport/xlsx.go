package procexport

import (
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/cong-vn/cong/internal/procedure"
)

// SheetName is the name of the XLSX sheet.
const SheetName = "Thủ tục hành chính"

// writeXLSX writes one sheet with a bold, frozen, filterable header row and
// wrapped cells, streaming the rows.
func writeXLSX(w io.Writer, ps []*procedure.Procedure) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return err
	}
	if err := layout(f, sw); err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, p := range ps {
		if err := sw.SetRow(cell(1, i+2), styled(Row(p), wrap)); err != nil {
			return err
		}
	}
	if len(ps) > 0 {
		last := cell(len(Columns), len(ps)+1)
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "ThuTuc", StyleName: "TableStyleLight1"}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// layout sets the column widths, freezes and writes the header row.
func layout(f *excelize.File, sw *excelize.StreamWriter) error {
	for i, c := range Columns {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	return sw.SetRow("A1", styled(Headers(), bold))
}

// styled returns the cells with a style, for StreamWriter.SetRow.
func styled(cells []string, style int) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = excelize.Cell{StyleID: style, Value: c}
	}
	return out
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
