#pragma once
/// @file
/// The configuration reference, generated from the option tables of every built-in module.

#include <string>

namespace sb::app {

/// Markdown for docs/config-reference.md.
std::string configReferenceMarkdown();

}  // namespace sb::app
