// The bundled front end, compiled in from web/dist by embed_web_assets.cmake.
#pragma once

#include <string_view>

namespace parley::report {

std::string_view WebScript();  // web/dist/main.js: the report and dashboard, Chart.js included
std::string_view WebStyle();   // web/dist/style.css

}  // namespace parley::report
