// Package calendar is Vietnam's working-day calendar: which days are
// working days, and how time limits counted in working days or hours run.
// Dossier appointment dates, Q&A deadlines and overdue flags all use it.
//
// # Days
//
// Date is a civil date without a time zone; instants are read in Vietnam's
// zone (UTC+7, no daylight saving; see Zone). The Vietnamese lunar calendar
// (SolarToLunar, LunarToSolar) is computed astronomically for UTC+7, so Tết
// can differ from the Chinese New Year (2007-02-17, 2030-02-02).
//
// A Calendar starts from the Labour Code 2019, art. 112: 1 January; Tết
// Nguyên đán, five days, by default the last day of the lunar year and the
// first four of the new one; Hùng Kings' day (10th day of the 3rd lunar
// month, from 2007); 30 April; 1 May; 2 September and one adjacent day
// (from 2021; which one is a NationalDayRule). A holiday on a weekly rest
// day earns a compensatory day on the next working weekday, owed in order,
// so the days a block of holidays (Tết) earns follow the block. The
// government announces each year the actual Tết spread, swaps of working
// days and extra days off: an administrator records them as Overrides,
// which win over the rules. Each special day has a Kind and a name in
// Vietnamese and English.
//
// # Time limits
//
// AddWorkingDays applies the rule of the one-stop centres (the day of
// receipt is day 0; a limit of n days ends at 17:00 of the n-th working day
// after it; a dossier received after hours counts from the next working
// day) and stops the clock during pauses; WorkingDaysBetween inverts it.
// AddWorkingHours and WorkingTimeBetween do the same in working time. Each
// Add function also returns an Explanation that a page shows in either
// language.
//
// A Calendar is immutable and safe for concurrent use; it computes each
// year's special days once, on first use, into a bitset.
package calendar
