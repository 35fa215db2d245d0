package calendar

import "math"

// The astronomy behind the lunar calendar: the moments of new moons and the
// longitude of the sun, with the low-precision formulas of J. Meeus,
// "Astronomical Algorithms" (2nd ed., 1998), chapters 25 and 49, as used by
// Hồ Ngọc Đức's description of the Vietnamese calendar. They are accurate to
// a few minutes for 1800–2200, which decides the civil day of a new moon
// except when it falls within minutes of midnight.

const (
	// synodicMonth is the mean length of a lunation in days.
	synodicMonth = 29.530588853
	// newMoonEpoch is the Julian date of new moon number 0 (1900-01-01
	// 13:52 UT); newMoon(k) is the k-th new moon after it.
	newMoonEpoch = 2415021.076998695
	// tzHours is Vietnam's offset from UT: the calendar counts civil days
	// in UTC+7, which is why it differs from the Chinese calendar (UTC+8)
	// in some years. (The North adopted UTC+7 for the calendar in 1967,
	// the whole country in 1976; earlier dates follow UTC+8 historically,
	// but the package computes every year for UTC+7.)
	tzHours = 7.0
	// unixJDN is the Julian day number of 1970-01-01 (day number 0).
	unixJDN = 2440588
)

// newMoon returns the Julian date (UT, fractional) of the k-th new moon
// after newMoonEpoch.
func newMoon(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries since 1900-01-00.5
	t2, t3 := t*t, t*t*t
	jd := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := (359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3) * dr   // sun's mean anomaly
	mp := (306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3) * dr // moon's mean anomaly
	f := (21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3) * dr   // moon's argument of latitude
	c := (0.1734-0.000393*t)*math.Sin(m) + 0.0021*math.Sin(2*m) -
		0.4068*math.Sin(mp) + 0.0161*math.Sin(2*mp) - 0.0004*math.Sin(3*mp) +
		0.0104*math.Sin(2*f) - 0.0051*math.Sin(m+mp) - 0.0074*math.Sin(m-mp) +
		0.0004*math.Sin(2*f+m) - 0.0004*math.Sin(2*f-m) - 0.0006*math.Sin(2*f+mp) +
		0.0010*math.Sin(2*f-mp) + 0.0005*math.Sin(2*mp+m)
	return jd + c - deltaT(t)
}

// deltaT approximates TT−UT in days for t Julian centuries since 1900.
func deltaT(t float64) float64 {
	if t < -11 {
		t2, t3 := t*t, t*t*t
		return 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	}
	return -0.000278 + 0.000265*t + 0.000262*t*t
}

// sunLongitude returns the sun's apparent longitude in radians, in
// [0, 2π), at Julian date jd.
func sunLongitude(jd float64) float64 {
	const dr = math.Pi / 180
	t := (jd - 2451545.0) / 36525 // Julian centuries since J2000.0
	t2 := t * t
	m := (357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2) * dr // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                         // mean longitude, degrees
	dl := (1.914600-0.004817*t-0.000014*t2)*math.Sin(m) +
		(0.019993-0.000101*t)*math.Sin(2*m) + 0.000290*math.Sin(3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// newMoonDay returns the Julian day number of the civil day (UTC+7) on
// which the k-th new moon falls.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(k) + 0.5 + tzHours/24))
}

// solarTerm returns which 30° sector (0–11; 0 starts at the vernal equinox,
// 9 at the winter solstice) the sun is in at the local midnight that starts
// the civil day with Julian day number jdn. A lunar month whose first day
// and the first day of the next month share a sector contains no major
// solar term.
func solarTerm(jdn int) int {
	return int(sunLongitude(float64(jdn)-0.5-tzHours/24) / math.Pi * 6)
}

// lunationBefore returns the index k of the last new moon that starts on or
// before the day with Julian day number jdn, approximately (the caller
// checks the neighbour).
func lunationBefore(jdn int) int {
	return int(math.Floor((float64(jdn) - newMoonEpoch) / synodicMonth))
}

// lunationAt returns the index k of the new moon nearest to the day jdn,
// which must itself be the first day of a lunar month.
func lunationAt(jdn int) int {
	return int(math.Floor((float64(jdn)-newMoonEpoch)/synodicMonth + 0.5))
}
