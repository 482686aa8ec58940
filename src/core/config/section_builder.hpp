#pragma once
/// @file
/// Builds the list of sections from parsed lines: templates, inheritance, `(+)` appends and
/// `+=`.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/config/line_parser.hpp"
#include "core/config/section_index.hpp"
#include "core/config/size_budget.hpp"

namespace sb::config::detail {

/// Which section following lines go to: an index into ConfigFile::sections or a special value.
using SectionCursor = std::size_t;
/// Before any `[section]`: variables are an error.
inline constexpr SectionCursor kNoSection = std::numeric_limits<std::size_t>::max();
/// After a header that failed: lines are checked but dropped, to avoid a cascade of errors.
inline constexpr SectionCursor kDiscard = kNoSection - 1;

class SectionBuilder {
 public:
  /// Sections are added to `file`; every variable stored is charged to `budget`.
  SectionBuilder(ConfigFile& file, SizeBudget& budget);

  struct Opened {
    SectionCursor cursor = kDiscard;
    std::vector<std::string> errors;
  };

  /// Starts a section (or selects the one `[name](+)` appends to).
  Opened open(const HeaderLine& header, const SourceLocation& where);

  /// Stores an assignment in the section `cursor` names (a real section); false only when
  /// the size budget ran out.
  bool assign(SectionCursor cursor, const AssignmentLine& line, const SourceLocation& where);

 private:
  /// Appends copies of `parent`'s variables to section `index`, marked inherited.
  bool inherit(std::size_t parent, std::size_t index);
  /// Appends `variable` to section `index`.
  bool store(std::size_t index, Variable variable);

  ConfigFile& file_;
  SizeBudget& budget_;
  SectionIndex index_;
};

}  // namespace sb::config::detail
