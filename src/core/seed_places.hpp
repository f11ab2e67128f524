#pragma once
// Where a seed line lies in the dissertation: its chapter, section heading and
// printed page, from data/seed/seed_places.csv (derived by
// scripts/seed_places.py; see data/seed/README.md). Turns the project's
// citations "L1505" into places a reader can look up (issue 25 item 4).
#include <optional>
#include <string>
#include <string_view>

namespace gangdu {

struct SeedPlace {
  std::string chapter;  // "Introduction", "ch. 1" .. "ch. 7", "Conclusion", "Bibliography"
  std::string section;  // heading title; empty before the chapter's first section
  int page_lo = 0;      // printed page range the line lies in
  int page_hi = 0;      // 0: open (the bibliography's last page is not known)
};

// The place of seed line `line` (1-based); nullopt for the front matter or a
// line past the end of the text.
std::optional<SeedPlace> seed_place(int line);

// "ch. 2, §'Soviet De-industrialization', pp. 97-98" for the lines first..last.
// Empty if the line has no place.
std::string seed_place_text(int first, int last);

// For each distinct citation "L<n>" or "L<n>-<m>" in `text`, "L1505: ch. 2,
// §'…', p. 97", joined by "; ". Empty when the text cites no seed line.
std::string seed_places_of(std::string_view text);

// The dissertation as a bibliography entry (from the seed's title page).
inline constexpr const char* kSeedBibliography =
    "Koji Hirata, \"Steel Metropolis: Industrial Manchuria and the Making of Chinese Socialism, 1916-1964\", "
    "PhD dissertation, Department of History, Stanford University, August 2018";

}  // namespace gangdu
