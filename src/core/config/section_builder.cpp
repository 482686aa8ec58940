// Semantics after Asterisk's config.c, with two deliberate differences: a parent or append
// target is the most recent section of that name (Asterisk takes the first), and append filters
// compare values exactly (Asterisk uses unanchored regular expressions).

#include "core/config/section_builder.hpp"

#include <utility>

#include "core/config/text_util.hpp"

namespace sb::config::detail {

namespace {

/// What a stored variable costs against the budget.
std::size_t footprint(const Variable& variable) {
  return sizeof(Variable) + variable.name.size() + variable.value.size() +
         variable.where.file.size();
}

std::string describeFilters(const Filters& filters) {
  std::string text;
  for (const auto& [key, value] : filters) {
    text += (text.empty() ? " with " : " and ") + key + "=" + value;
  }
  return text;
}

}  // namespace

SectionBuilder::SectionBuilder(ConfigFile& file, SizeBudget& budget)
    : file_(file), budget_(budget), index_(file.sections) {}

bool SectionBuilder::store(std::size_t index, Variable variable) {
  if (!budget_.spend(footprint(variable))) {
    return false;
  }
  std::vector<Variable>& variables = file_.sections[index].variables;
  variables.push_back(std::move(variable));
  index_.variableStored(index, variables.size() - 1);
  return true;
}

bool SectionBuilder::inherit(std::size_t parent, std::size_t index) {
  // Index-based with a fixed count: `[x](+,x)` inherits a section into itself.
  const std::size_t count = file_.sections[parent].variables.size();
  for (std::size_t i = 0; i < count; ++i) {
    Variable copy = file_.sections[parent].variables[i];
    copy.inherited = true;
    if (!store(index, std::move(copy))) {
      return false;
    }
  }
  return true;
}

SectionBuilder::Opened SectionBuilder::open(const HeaderLine& header, const SourceLocation& where) {
  Opened opened;
  std::vector<std::size_t> parents;
  for (const std::string& parent : header.parents) {
    if (auto found = index_.latest(parent)) {
      parents.push_back(*found);
    } else {
      opened.errors.push_back("Inheritance requested, but section '" + parent + "' does not exist");
    }
  }

  std::size_t index = 0;
  if (header.append) {
    const auto target = index_.latestMatching(header.name, header.filters);
    if (!target) {
      opened.errors.push_back("Append requested, but no earlier section '" + header.name + "'" +
                              describeFilters(header.filters) + " exists");
      return opened;
    }
    index = *target;
    Section& section = file_.sections[index];
    section.isTemplate = section.isTemplate || header.isTemplate;
    section.parents.insert(section.parents.end(), header.parents.begin(), header.parents.end());
  } else {
    index = file_.sections.size();
    Section section;
    section.name = header.name;
    section.isTemplate = header.isTemplate;
    section.parents = header.parents;
    section.where = where;
    file_.sections.push_back(std::move(section));
    index_.sectionAdded(index);
  }

  for (std::size_t parent : parents) {
    if (!inherit(parent, index)) {
      break;  // the reader reports the exhausted budget
    }
  }
  opened.cursor = index;
  return opened;
}

bool SectionBuilder::assign(SectionCursor cursor, const AssignmentLine& line,
                            const SourceLocation& where) {
  if (line.append) {
    if (const auto found = index_.lastVariable(cursor, line.name)) {
      Variable& variable = file_.sections[cursor].variables[*found];
      if (!budget_.spend(line.value.size())) {
        return false;
      }
      // Asterisk joins the old value and the raw text after `+=`, then trims the result.
      variable.value += line.value;
      trimInPlace(variable.value);
      variable.inherited = false;  // the section has made this value its own
      index_.valueChanged(cursor, *found);
      return true;
    }
  }
  Variable variable;
  variable.name = line.name;
  variable.value = line.append ? std::string(trim(line.value)) : line.value;
  variable.where = where;
  variable.objectLine = line.objectLine;
  return store(cursor, std::move(variable));
}

}  // namespace sb::config::detail
