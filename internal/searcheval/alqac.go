package searcheval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cong-vn/cong/internal/search"
)

// File names inside an ALQAC 2023 directory.
const (
	articlesFile = "all_articles_2023.json"
	trainFile    = "train.json"
	testFile     = "private_test.json"
)

// question is one labelled question of a split.
type question struct {
	ID       string `json:"question_id"`
	Text     string `json:"text"`
	Relevant []struct {
		Law     string `json:"law_id"`
		Article string `json:"article_id"`
	} `json:"relevant_articles"`
}

// relevantIDs returns the document IDs of the articles that answer q.
func (q question) relevantIDs() []string {
	ids := make([]string, len(q.Relevant))
	for i, r := range q.Relevant {
		ids[i] = articleID(r.Law, r.Article)
	}
	return ids
}

// articleID is the document ID of an article: the dataset's own key.
func articleID(law, number string) string { return law + "@" + number }

// loadArticles reads the articles file (key "<law>@<number>" → text whose
// first line is the article's heading) as documents, sorted by ID.
func loadArticles(dir string) ([]search.Document, error) {
	b, err := os.ReadFile(filepath.Join(dir, articlesFile))
	if err != nil {
		return nil, err
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", articlesFile, err)
	}
	docs := make([]search.Document, 0, len(m))
	for key, text := range m {
		law, number, ok := strings.Cut(key, "@")
		if !ok {
			return nil, fmt.Errorf("%s: bad key %q", articlesFile, key)
		}
		docs = append(docs, articleDoc(law, number, text))
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}

// articleDoc is the document of one article, shaped as the legal library
// would index it: the title names the article, its heading and its law;
// the body is the article's text.
func articleDoc(law, number, text string) search.Document {
	heading, body, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return search.Document{
		Kind:   search.KindArticle,
		ID:     articleID(law, number),
		Lang:   "vi",
		Title:  "Điều " + number + ". " + strings.TrimSpace(heading) + " (" + law + ")",
		Body:   strings.TrimSpace(body),
		URL:    "/van-ban/" + law + "/dieu-" + number,
		Facets: map[string][]string{"law": {law}},
	}
}

// loadQuestions reads a split.
func loadQuestions(dir, file string) ([]question, error) {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	var qs []question
	if err := json.Unmarshal(b, &qs); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return qs, nil
}
