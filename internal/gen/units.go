package gen

import (
	"context"
	"fmt"
	"strings"

	"github.com/cong-vn/cong/internal/audit"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/unit"
)

// Actor names the audit entries of generated content.
const Actor = "gen"

// domain is the mail and web domain of the generated city; .example is
// reserved, so nothing generated can point at a real host.
const domain = "hoa-an.example"

// departments are the city's departments, Vietnamese and English.
var departments = [][2]string{
	{"Văn phòng Ủy ban nhân dân thành phố", "Office of the City People's Committee"},
	{"Sở Tài chính", "Department of Finance"}, {"Sở Xây dựng", "Department of Construction"},
	{"Sở Y tế", "Department of Health"}, {"Sở Giáo dục và Đào tạo", "Department of Education and Training"},
	{"Sở Nội vụ", "Department of Home Affairs"}, {"Sở Tư pháp", "Department of Justice"},
	{"Sở Công Thương", "Department of Industry and Trade"},
	{"Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"},
	{"Sở Văn hóa và Thể thao", "Department of Culture and Sports"}, {"Sở Du lịch", "Department of Tourism"},
	{"Sở Khoa học và Công nghệ", "Department of Science and Technology"},
	{"Sở Ngoại vụ", "Department of Foreign Affairs"},
	{"Sở Dân tộc và Tôn giáo", "Department of Ethnic and Religious Affairs"},
	{"Thanh tra thành phố", "City Inspectorate"},
	{"Ban Quản lý các khu công nghiệp và chế xuất", "Industrial and Export Processing Zones Authority"},
}

// agencyKinds name the agencies under a department.
var agencyKinds = [][2]string{
	{"Chi cục Quản lý chuyên ngành", "Specialised Sub-department"},
	{"Trung tâm Dịch vụ công", "Public Service Centre"},
	{"Ban Quản lý dự án", "Project Management Board"},
}

// plan is how many units of each kind a run of n units makes.
type plan struct{ departments, agencies, centres, local, former int }

func planFor(n int) plan {
	var p plan
	rest := n - 1
	p.departments = min(len(departments), rest, rest/150+1)
	rest -= p.departments
	p.agencies = min(p.departments*len(agencyKinds), rest/10)
	rest -= p.agencies
	p.centres = rest / 25
	rest -= p.centres
	p.former = rest * 15 / 100
	p.local = rest - p.former
	return p
}

// generateUnits makes the city, its departments and their agencies,
// one-stop centres, wards and communes, and former wards and communes
// merged into current ones, each with its leaders.
func generateUnits(ctx context.Context, r *Run) (int, error) {
	u := &unitMaker{Run: r, names: map[string]int{}}
	p := planFor(r.Opts.Units)
	root, err := u.make(ctx, u.city())
	if err != nil {
		return u.created, err
	}
	steps := []func(context.Context, *unit.Unit, plan) error{u.departments, u.centres, u.locals, u.formers}
	for _, step := range steps {
		if err := step(ctx, root, p); err != nil {
			return u.created, err
		}
	}
	return u.created, nil
}

// unitMaker creates units, counting them and keeping them in Run.Units.
type unitMaker struct {
	*Run
	created int
	names   map[string]int // Vietnamese names used, to number repeats
	current []*unit.Unit   // active wards and communes, the merge successors
	seq     int            // sort order
}

// make creates u unless a unit with its code exists, and returns the
// stored unit either way.
func (m *unitMaker) make(ctx context.Context, u *unit.Unit) (*unit.Unit, error) {
	old, err := m.Stores.Units.FindUnitByCode(ctx, u.Code)
	if err == nil {
		m.Units = append(m.Units, old)
		return old, nil
	}
	if !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	if err := u.Validate(); err != nil {
		return nil, fmt.Errorf("generated unit %s: %w", u.Code, err)
	}
	e := &audit.Entry{At: m.now, ActorName: Actor, Action: "unit.create", ObjectKind: "unit",
		ObjectID: u.Code, UnitID: u.ParentID, Outcome: "ok", Detail: "generated"}
	if err := m.Stores.Units.CreateUnit(ctx, u, e); err != nil {
		return nil, fmt.Errorf("unit %s: %w", u.Code, err)
	}
	m.created++
	if m.created%500 == 0 {
		fmt.Fprintf(m.Log, "units: %d created\n", m.created)
	}
	m.Units = append(m.Units, u)
	return u, nil
}

// unique numbers a repeated Vietnamese name: "Phường Tân Bình 2".
func (m *unitMaker) unique(name string) string {
	m.names[name]++
	if n := m.names[name]; n > 1 {
		return fmt.Sprintf("%s %d", name, n)
	}
	return name
}

func (m *unitMaker) base(code string, kind unit.Kind, parent int64, vi, en string) *unit.Unit {
	m.seq++
	slug := strings.ReplaceAll(strings.ToLower(fold(en)), " ", "")
	slug = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, slug)
	return &unit.Unit{
		Code: code, Kind: kind, ParentID: parent, NameVI: vi, NameEN: en, SortOrder: m.seq, Active: true,
		Address: address(m.Rand, "thành phố Hòa An"), Phone: phone(m.Rand),
		Email: slug[:min(len(slug), 30)] + "@" + domain, Website: "https://" + code + "." + domain,
	}
}

func (m *unitMaker) city() *unit.Unit {
	u := m.base("g-city", unit.City, 0, "Ủy ban nhân dân thành phố Hòa An", "Hoa An City People's Committee")
	u.GSOCode, u.ShortName = "98", "UBND TP Hòa An"
	u.DescriptionVI = "Thành phố Hòa An là dữ liệu sinh ra để thử tải cổng, không phải một địa phương có thật."
	u.DescriptionEN = "Hoa An City is generated data for load tests, not a real place."
	u.Leaders = m.leaders(roleCity, 5)
	return u
}

func (m *unitMaker) departments(ctx context.Context, root *unit.Unit, p plan) error {
	var deps []*unit.Unit
	for i := range p.departments {
		d := departments[i]
		u := m.base(fmt.Sprintf("g-so-%02d", i+1), unit.Department, root.ID, d[0], d[1])
		u.AgencyID = fmt.Sprintf("000.%02d.98.H99", i+1)
		u.DescriptionVI = d[0] + " là cơ quan chuyên môn thuộc Ủy ban nhân dân thành phố Hòa An."
		u.DescriptionEN = "The " + d[1] + " is a specialised agency of the Hoa An City People's Committee."
		u.Leaders = m.leaders(roleDepartment, 3+m.Rand.IntN(2))
		made, err := m.make(ctx, u)
		if err != nil {
			return err
		}
		deps = append(deps, made)
	}
	for i := range p.agencies {
		if err := m.agency(ctx, deps[i%len(deps)], i, i/len(deps)); err != nil {
			return err
		}
	}
	return nil
}

func (m *unitMaker) agency(ctx context.Context, dep *unit.Unit, i, kind int) error {
	k := agencyKinds[kind%len(agencyKinds)]
	u := m.base(fmt.Sprintf("g-cq-%03d", i+1), unit.Agency, dep.ID,
		m.unique(k[0]+" thuộc "+dep.NameVI), k[1]+" of the "+dep.NameEN)
	u.Leaders = m.leaders(roleAgency, 2+m.Rand.IntN(2))
	_, err := m.make(ctx, u)
	return err
}

func (m *unitMaker) centres(ctx context.Context, root *unit.Unit, p plan) error {
	for i := range p.centres {
		u := m.base(fmt.Sprintf("g-tt-%03d", i+1), unit.Centre, root.ID,
			fmt.Sprintf("Trung tâm Phục vụ hành chính công – chi nhánh số %d", i+1),
			fmt.Sprintf("Public Administration Service Centre – branch %d", i+1))
		u.Leaders = m.leaders(roleCentre, 2)
		if _, err := m.make(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// gso returns the GSO code of the i-th generated ward or commune, in a
// range no real province uses; past it, units have none.
func gso(i int) string {
	if i >= 30000 {
		return ""
	}
	return fmt.Sprintf("%05d", 60000+i)
}

func (m *unitMaker) local(i int, parent int64) *unit.Unit {
	place := placeName(m.Rand)
	kind, vi, en := unit.Commune, "Xã ", " Commune"
	if m.Rand.IntN(5) < 2 {
		kind, vi, en = unit.Ward, "Phường ", " Ward"
	}
	name := m.unique(vi + place)
	u := m.base(fmt.Sprintf("g-%05d", i), kind, parent, name, fold(strings.TrimPrefix(name, vi))+en)
	u.GSOCode = gso(i)
	u.Address = address(m.Rand, strings.ToLower(vi[:1])+vi[1:]+place)
	u.DescriptionVI = fmt.Sprintf("%s có diện tích %d,%d km² và khoảng %d người dân.", name, 2+m.Rand.IntN(40), m.Rand.IntN(10), 8000+m.Rand.IntN(60000))
	u.DescriptionEN = fmt.Sprintf("%s covers %d.%d km² and has about %d residents.", u.NameEN, 2+m.Rand.IntN(40), m.Rand.IntN(10), 8000+m.Rand.IntN(60000))
	return u
}

func (m *unitMaker) locals(ctx context.Context, root *unit.Unit, p plan) error {
	for i := range p.local {
		u := m.local(i, root.ID)
		u.Leaders = m.leaders(roleLocal, 2+m.Rand.IntN(3))
		made, err := m.make(ctx, u)
		if err != nil {
			return err
		}
		m.current = append(m.current, made)
	}
	return nil
}

// formers are wards and communes merged on 1 July 2025, and one in ten a
// district (the level that ended that day): inactive, each pointing at the
// current unit that took it over.
func (m *unitMaker) formers(ctx context.Context, root *unit.Unit, p plan) error {
	for i := range p.former {
		u := m.local(p.local+i, root.ID)
		u.Active, u.InactiveSince = false, "2025-07-01"
		if i%10 == 0 {
			u.Kind, u.GSOCode = unit.District, ""
			vi := strings.NewReplacer("Phường ", "Quận ", "Xã ", "Huyện ")
			en := strings.NewReplacer(" Ward", " District", " Commune", " District")
			u.NameVI, u.DescriptionVI = vi.Replace(u.NameVI), vi.Replace(u.DescriptionVI)
			u.NameEN, u.DescriptionEN = en.Replace(u.NameEN), en.Replace(u.DescriptionEN)
		}
		if len(m.current) > 0 {
			u.SuccessorID = pick(m.Rand, m.current).ID
		}
		if _, err := m.make(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// role is a unit kind's leadership: the head and the deputies.
type role struct{ headVI, headEN, deputyVI, deputyEN string }

var (
	roleCity = role{"Chủ tịch Ủy ban nhân dân thành phố", "Chairman of the City People's Committee",
		"Phó Chủ tịch Ủy ban nhân dân thành phố", "Vice Chairman of the City People's Committee"}
	roleDepartment = role{"Giám đốc Sở", "Director", "Phó Giám đốc Sở", "Deputy Director"}
	roleAgency     = role{"Trưởng đơn vị", "Head", "Phó Trưởng đơn vị", "Deputy Head"}
	roleCentre     = role{"Giám đốc Trung tâm", "Director of the Centre", "Phó Giám đốc Trung tâm", "Deputy Director of the Centre"}
	roleLocal      = role{"Chủ tịch Ủy ban nhân dân", "Chairman of the People's Committee",
		"Phó Chủ tịch Ủy ban nhân dân", "Vice Chairman of the People's Committee"}
)

// leaders returns n leaders: the head first, then deputies.
func (m *unitMaker) leaders(ro role, n int) []unit.Leader {
	out := make([]unit.Leader, n)
	for i := range out {
		posVI, posEN := ro.deputyVI, ro.deputyEN
		if i == 0 {
			posVI, posEN = ro.headVI, ro.headEN
		}
		out[i] = m.leader(posVI, posEN, i)
	}
	return out
}

func (m *unitMaker) leader(posVI, posEN string, order int) unit.Leader {
	name := personName(m.Rand)
	born, since, home := 1965+m.Rand.IntN(20), 2019+m.Rand.IntN(6), placeName(m.Rand)
	return unit.Leader{
		Name: name, PositionVI: posVI, PositionEN: posEN, Order: order, Phone: phone(m.Rand),
		Email: strings.ToLower(strings.ReplaceAll(fold(name), " ", ".")) + "@" + domain,
		BioVI: fmt.Sprintf("Sinh năm %d, quê %s. %s. Giữ chức vụ hiện tại từ năm %d.", born, home, pick(m.Rand, degreesVI), since),
		BioEN: fmt.Sprintf("Born in %d in %s. %s. In the current post since %d.", born, fold(home), pick(m.Rand, degreesEN), since),
	}
}

var (
	degreesVI = []string{"Thạc sĩ Quản lý công", "Cử nhân Luật", "Tiến sĩ Kinh tế", "Kỹ sư Xây dựng", "Cử nhân Hành chính học"}
	degreesEN = []string{"Master of Public Administration", "Bachelor of Laws", "PhD in Economics", "Civil engineer", "Bachelor of Public Administration"}
)
