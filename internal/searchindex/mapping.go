package searchindex

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/token/edgengram" // registers edge_ngram
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Field names in the index. Text is indexed in several forms, each its own
// field: exact (NFC, lower case, diacritics kept), folded (no diacritics,
// đ→d), bigram (pairs of adjacent folded syllables) and, for titles, edge
// (prefixes of folded syllables, for autocomplete).
const (
	fKind        = "kind"
	fID          = "id"
	fLang        = "lang"
	fTitleExact  = "title.exact" // also stores the title as given (NFC)
	fTitleFolded = "title.folded"
	fTitleBigram = "title.bigram"
	fTitleEdge   = "title.edge"
	fBodyExact   = "body.exact" // also stores the body as given (NFC)
	fBodyFolded  = "body.folded"
	fBodyBigram  = "body.bigram"
	fURL         = "url"
	fUnit        = "unit"
	fUnitName    = "unit_name"
	fDate        = "date"
	fBoost       = "boost"
	fFacetPrefix = "facet." // + facet name
)

// buildMapping returns the index mapping: BM25 scoring, the Vietnamese
// analyzers, and explicit fields only (no "_all" field, no dynamic fields
// except under "facet"). Term vectors are off everywhere: snippets are cut
// from the stored text, and phrases are matched on bigrams.
func buildMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, true, true
	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	dm.AddFieldMappingsAt("kind", keywordField(fKind, true, true))
	dm.AddFieldMappingsAt("id", storedOnly(fID))
	dm.AddFieldMappingsAt("lang", keywordField(fLang, false, false))
	dm.AddFieldMappingsAt("title",
		textField(fTitleExact, analyzerExact, true), textField(fTitleFolded, analyzerFolded, false),
		textField(fTitleBigram, analyzerBigram, false), textField(fTitleEdge, analyzerEdge, false))
	dm.AddFieldMappingsAt("body",
		textField(fBodyExact, analyzerExact, true), textField(fBodyFolded, analyzerFolded, false),
		textField(fBodyBigram, analyzerBigram, false))
	dm.AddFieldMappingsAt("url", storedOnly(fURL))
	dm.AddFieldMappingsAt("unit", keywordField(fUnit, false, true))
	dm.AddFieldMappingsAt("unit_name", storedOnly(fUnitName))
	dm.AddFieldMappingsAt("date", dateField())
	dm.AddFieldMappingsAt("boost", boostField())
	facets := bleve.NewDocumentMapping() // dynamic: one keyword field per facet name
	facets.DefaultAnalyzer = keyword.Name
	dm.AddSubDocumentMapping("facet", facets)
	im.DefaultMapping = dm
	return im, nil
}

// addAnalyzers declares the four Vietnamese analyzers of the mapping.
func addAnalyzers(im *mapping.IndexMappingImpl) error {
	err := im.AddCustomTokenFilter(filterEdge, map[string]any{
		"type": "edge_ngram", "min": 1.0, "max": 24.0,
	})
	if err != nil {
		return err
	}
	chains := map[string][]string{
		analyzerExact:  {filterNormalize},
		analyzerFolded: {filterNormalize, filterFold},
		analyzerBigram: {filterNormalize, filterFold, filterBigram},
		analyzerEdge:   {filterNormalize, filterFold, filterEdge},
	}
	for name, filters := range chains {
		err := im.AddCustomAnalyzer(name, map[string]any{
			"type": custom.Name, "tokenizer": tokenizerSyllable, "token_filters": filters,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func textField(name, analyzer string, store bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name, fm.Analyzer, fm.Store = name, analyzer, store
	fm.IncludeTermVectors, fm.IncludeInAll, fm.DocValues = false, false, false
	return fm
}

func keywordField(name string, store, docValues bool) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Name, fm.Store, fm.DocValues = name, store, docValues
	fm.IncludeTermVectors, fm.IncludeInAll = false, false
	return fm
}

func storedOnly(name string) *mapping.FieldMapping {
	fm := keywordField(name, true, false)
	fm.Index = false
	return fm
}

func dateField() *mapping.FieldMapping {
	fm := bleve.NewDateTimeFieldMapping()
	fm.Name, fm.Store, fm.DocValues, fm.IncludeInAll = fDate, true, true, false
	return fm
}

func boostField() *mapping.FieldMapping {
	fm := bleve.NewNumericFieldMapping()
	fm.Name, fm.Store, fm.DocValues, fm.IncludeInAll = fBoost, false, true, false
	return fm
}
