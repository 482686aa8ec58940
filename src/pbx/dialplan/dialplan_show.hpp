#pragma once
/// @file
/// The text of Asterisk's CLI command `dialplan show [[exten@]context]`.

#include <string>
#include <string_view>

#include "pbx/dialplan/dialplan.hpp"

namespace sb::pbx {

/// Formats the dialplan as Asterisk 20's `dialplan show` does (main/pbx.c,
/// show_dialplan_helper): a `[ Context 'x' created by 'pbx_config' ]` header per context,
/// one line per priority with its file:line, includes, ignore patterns and switches, a blank
/// line after each context and the closing `-= N extensions (M priorities) in K contexts. =-`.
///
/// With `context` only that context is shown. With `exten`, only extensions matching it are
/// shown, and included contexts are searched for it too (`[ Included context ... ]`).
/// Contexts come in Asterisk's order, the reverse of their first appearance in the file.
/// When nothing matches, the text is Asterisk's "There is no existence of ..." message.
std::string showDialplan(const Dialplan& dialplan, std::string_view context = {},
                         std::string_view exten = {});

}  // namespace sb::pbx
