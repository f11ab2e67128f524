#pragma once
// Persons and households at 1:1 (or 1:N with --scale) in structure-of-arrays
// storage. Columns are private; code reads and writes persons through the
// small typed view PersonRef or through whole-column spans in the hot loops.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace gangdu {


enum class Ethnicity : uint8_t { kChinese = 0, kJapanese = 1, kKorean = 2 };
inline constexpr int kEthnicityCount = 3;
enum class Sex : uint8_t { kMale = 0, kFemale = 1 };
// kConstruction: Angang-Construction, the works' building company (L4689).
enum class Employer : uint8_t { kNone = 0, kWorks = 1, kCity = 2, kConstruction = 3 };
inline constexpr int kEmployerCount = 4;
// Employed by Angang: the works or Angang-Construction.
constexpr bool works_for_angang(Employer e) { return e == Employer::kWorks || e == Employer::kConstruction; }
// How a person came to the city (drives who is sent back, who may leave).
enum class Origin : uint8_t { kNative = 0, kRecruited = 1, kBlind = 2, kBorn = 3 };
// Occupation type of an employee (L4574-4580): production worker, technician, staff.
enum class Occupation : uint8_t { kNone = 0, kProduction = 1, kTechnician = 2, kStaff = 3 };
inline constexpr int kOccupationCount = 4;
// Registration status (hukou): urban-registered, or rural (unregistered in the
// city: "blind" migrants and their families; L4035).
enum class Hukou : uint8_t { kUrban = 0, kRural = 1 };
// Class label (R17, L4503): fixed for the household from its male head at liberation and
// inherited; campaigns add political labels later (regimes/labels.hpp assigns them all).
// kNationalist: former Nationalist (or Manchukuo) personnel; kLandlord: landlord or rich
// peasant family (L4677, L4687); kCapitalist: capitalist or merchant family (L5160);
// kCounterRevolutionary, kRightist: labels the campaigns give (L4269, L4697, L5162).
enum class ClassLabel : uint8_t {
  kWorker = 0,
  kPeasant = 1,
  kCadre = 2,
  kCapitalist = 3,
  kNationalist = 4,
  kLandlord = 5,
  kCounterRevolutionary = 6,
  kRightist = 7
};
inline constexpr int kClassLabelCount = 8;
// The scenario's names of the labels, in enum order.
inline constexpr std::string_view kClassLabelNames[kClassLabelCount] = {
    "worker", "peasant", "cadre", "capitalist", "nationalist", "landlord", "counterrevolutionary", "rightist"};
// The label of a name, or -1.
constexpr int parse_class_label(std::string_view name) {
  for (int i = 0; i < kClassLabelCount; ++i)
    if (name == kClassLabelNames[i]) return i;
  return -1;
}
// Where a household lives (the danwei allocates kDormitory/kFlat/kSharedFlat).
enum class Dwelling : uint8_t { kNone = 0, kDormitory = 1, kFlat = 2, kSharedFlat = 3, kPrivate = 4, kSelfBuilt = 5 };
inline constexpr int kDwellingCount = 6;
// Who owns a dwelling's floor: the works (Angang), other SOEs and the city, private owners, the occupants (mud houses).
enum class Owner : uint8_t { kNone = 0, kWorks = 1, kCity = 2, kPrivate = 3, kSelfBuilt = 4 };
inline constexpr int kOwnerCount = 5;

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
  Occupation occupation() const;
  Hukou hukou() const;
  ClassLabel label() const;
  int skill() const;
  double wage() const;
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
    Occupation occupation = Occupation::kNone;
    Hukou hukou = Hukou::kUrban;
    ClassLabel label = ClassLabel::kWorker;
    uint8_t skill = 1;  // wage grade 1..8
  };
  uint32_t add(const NewPerson& p);
  uint32_t new_household();

  size_t size() const { return id_.size(); }  // includes persons marked dead/gone until compact()
  size_t living() const { return living_; }
  size_t households() const { return next_household_; }

  // Household table (SoA, indexed by household id): members, dwelling, m2 of living space held.
  std::span<uint16_t> household_sizes() { return hh_size_; }
  std::span<const uint16_t> household_sizes() const { return hh_size_; }
  std::span<uint8_t> household_dwellings() { return hh_dwelling_; }
  std::span<const uint8_t> household_dwellings() const { return hh_dwelling_; }
  std::span<uint8_t> household_owners() { return hh_owner_; }
  std::span<const uint8_t> household_owners() const { return hh_owner_; }
  std::span<float> household_m2() { return hh_m2_; }
  std::span<const float> household_m2() const { return hh_m2_; }
  // Moves person i into household h (household formation), keeping sizes right.
  void move_to_household(uint32_t i, uint32_t h);
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
  std::span<uint8_t> occupations() { return occupation_; }
  std::span<const uint8_t> occupations() const { return occupation_; }
  std::span<uint8_t> hukous() { return hukou_; }
  std::span<const uint8_t> hukous() const { return hukou_; }
  std::span<uint8_t> labels() { return label_; }
  std::span<const uint8_t> labels() const { return label_; }
  std::span<uint8_t> skills() { return skill_; }
  std::span<const uint8_t> skills() const { return skill_; }
  std::span<float> wages() { return wage_; }
  std::span<const float> wages() const { return wage_; }
  // Where a person's technical expertise was formed (ExpertiseOrigin, people/expertise.hpp;
  // 0: none yet) and months of works experience learnt (issue 20: skill as a stock).
  std::span<uint8_t> expertise_origins() { return formed_; }
  std::span<const uint8_t> expertise_origins() const { return formed_; }
  std::span<float> experience() { return experience_; }
  std::span<const float> experience() const { return experience_; }
  // The campaigns that have targeted the person (bit c: the scenario's campaign c, at most 32;
  // issue 22): a campaign counts and strikes a person once (regimes/campaigns.cpp).
  std::span<uint32_t> campaigns_struck() { return struck_; }
  std::span<const uint32_t> campaigns_struck() const { return struck_; }

  size_t capacity() const { return id_.capacity(); }
  uint64_t next_id() const { return next_id_; }  // the id the next added person receives

  // Checkpointed state (engine/checkpoint.cpp): list every new column here.
  template <class A>
  void fields(A& a) {
    a(id_, birth_month_, sex_, ethnicity_, employer_, origin_, labour_force_, alive_, occupation_, hukou_, label_,
      skill_, wage_, formed_, experience_, struck_, household_, hh_size_, hh_dwelling_, hh_owner_, hh_m2_, next_id_,
      next_household_, living_);
  }


 private:
  friend class PersonRef;
  std::vector<uint64_t> id_;
  std::vector<int32_t> birth_month_;
  std::vector<uint8_t> sex_, ethnicity_, employer_, origin_, labour_force_, alive_;
  std::vector<uint8_t> occupation_, hukou_, label_, skill_;
  std::vector<float> wage_;  // yuan per year at the current wage scale (0 when not employed)
  std::vector<uint8_t> formed_;     // ExpertiseOrigin of the person's expertise (issue 20)
  std::vector<float> experience_;   // months of works experience learnt (issue 20)
  std::vector<uint32_t> struck_;    // bit per campaign that targeted the person (issue 22)
  std::vector<uint32_t> household_;
  std::vector<uint16_t> hh_size_;
  std::vector<uint8_t> hh_dwelling_, hh_owner_;
  std::vector<float> hh_m2_;
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
inline Occupation PersonRef::occupation() const { return static_cast<Occupation>(p_.occupation_[i_]); }
inline Hukou PersonRef::hukou() const { return static_cast<Hukou>(p_.hukou_[i_]); }
inline ClassLabel PersonRef::label() const { return static_cast<ClassLabel>(p_.label_[i_]); }
inline int PersonRef::skill() const { return p_.skill_[i_]; }
inline double PersonRef::wage() const { return p_.wage_[i_]; }
inline Origin PersonRef::origin() const { return static_cast<Origin>(p_.origin_[i_]); }
inline uint32_t PersonRef::household() const { return p_.household_[i_]; }
inline bool PersonRef::in_labour_force() const { return p_.labour_force_[i_] != 0; }
inline bool PersonRef::alive() const { return p_.alive_[i_] != 0; }
inline int PersonRef::age_years(int32_t month_index) const { return (month_index - p_.birth_month_[i_]) / 12; }

}  // namespace gangdu
