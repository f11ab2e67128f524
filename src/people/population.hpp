#pragma once
// Persons and households at 1:1 (or 1:N with --scale) in structure-of-arrays
// storage. Columns are private; code reads and writes persons through the
// small typed view PersonRef or through whole-column spans in the hot loops.
#include <cstdint>
#include <span>
#include <vector>

namespace gangdu {

class BinWriter;
class BinReader;

enum class Ethnicity : uint8_t { kChinese = 0, kJapanese = 1, kKorean = 2 };
inline constexpr int kEthnicityCount = 3;
enum class Sex : uint8_t { kMale = 0, kFemale = 1 };
enum class Employer : uint8_t { kNone = 0, kWorks = 1, kCity = 2 };
// How a person came to the city (drives who is sent back, who may leave).
enum class Origin : uint8_t { kNative = 0, kRecruited = 1, kBlind = 2, kBorn = 3 };

class Population;

// A typed view of one person (index into the columns; valid until the next compaction).
class PersonRef {
 public:
  PersonRef(Population& p, uint32_t i) : p_(p), i_(i) {}
  uint64_t id() const;
  int32_t birth_month() const;
  Sex sex() const;
  Ethnicity ethnicity() const;
  Employer employer() const;
  void set_employer(Employer e);
  Origin origin() const;
  uint32_t household() const;
  bool in_labour_force() const;
  bool alive() const;
  int age_years(int32_t month_index) const;

 private:
  Population& p_;
  uint32_t i_;
};

class Population {
 public:
  // Reserve room for `persons` so that months of growth do not reallocate.
  void reserve(size_t persons, size_t households);

  struct NewPerson {
    int32_t birth_month;
    Sex sex;
    Ethnicity ethnicity;
    Origin origin;
    uint32_t household;
    bool labour_force;
    Employer employer = Employer::kNone;
  };
  uint32_t add(const NewPerson& p);
  uint32_t new_household();

  size_t size() const { return id_.size(); }  // includes persons marked dead/gone until compact()
  size_t living() const { return living_; }
  size_t households() const { return next_household_; }
  PersonRef operator[](uint32_t i) { return PersonRef(*this, i); }

  // Marks a person as gone (death or departure); storage is reclaimed by compact().
  void remove(uint32_t i);
  // Drops removed persons, keeping the relative order of the living (so results
  // never depend on when compaction ran). Allocation-free.
  void compact();

  // Whole columns for the hot loops.
  std::span<const uint64_t> ids() const { return id_; }
  std::span<const int32_t> birth_months() const { return birth_month_; }
  std::span<const uint8_t> sexes() const { return sex_; }
  std::span<const uint8_t> ethnicities() const { return ethnicity_; }
  std::span<uint8_t> employers() { return employer_; }
  std::span<const uint8_t> employers() const { return employer_; }
  std::span<const uint8_t> origins() const { return origin_; }
  std::span<const uint32_t> household_ids() const { return household_; }
  std::span<uint8_t> labour_force() { return labour_force_; }
  std::span<const uint8_t> labour_force() const { return labour_force_; }
  std::span<const uint8_t> alive_flags() const { return alive_; }

  size_t capacity() const { return id_.capacity(); }

  // Checkpoint: every column and counter (people/population_io.cpp).
  void save(BinWriter& out) const;
  void load(BinReader& in);

 private:
  friend class PersonRef;
  std::vector<uint64_t> id_;
  std::vector<int32_t> birth_month_;
  std::vector<uint8_t> sex_, ethnicity_, employer_, origin_, labour_force_, alive_;
  std::vector<uint32_t> household_;
  uint64_t next_id_ = 1;
  uint32_t next_household_ = 0;
  size_t living_ = 0;
};

inline uint64_t PersonRef::id() const { return p_.id_[i_]; }
inline int32_t PersonRef::birth_month() const { return p_.birth_month_[i_]; }
inline Sex PersonRef::sex() const { return static_cast<Sex>(p_.sex_[i_]); }
inline Ethnicity PersonRef::ethnicity() const { return static_cast<Ethnicity>(p_.ethnicity_[i_]); }
inline Employer PersonRef::employer() const { return static_cast<Employer>(p_.employer_[i_]); }
inline void PersonRef::set_employer(Employer e) { p_.employer_[i_] = static_cast<uint8_t>(e); }
inline Origin PersonRef::origin() const { return static_cast<Origin>(p_.origin_[i_]); }
inline uint32_t PersonRef::household() const { return p_.household_[i_]; }
inline bool PersonRef::in_labour_force() const { return p_.labour_force_[i_] != 0; }
inline bool PersonRef::alive() const { return p_.alive_[i_] != 0; }
inline int PersonRef::age_years(int32_t month_index) const { return (month_index - p_.birth_month_[i_]) / 12; }

}  // namespace gangdu
