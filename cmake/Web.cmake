# Browser assets compiled into the binary (gangdu report / gangdu serve).
# The charting library (Chart.js) comes from npm: scripts/install-web.sh runs `npm ci` in web/ at
# set-up time; the build only copies its minified file into the binary, so nothing is fetched when a
# report is opened or the dashboard is served. Without it the configure step stops with a message
# (never a silent report without charts); -DGANGDU_WEB=OFF builds without charts on purpose.
option(GANGDU_WEB "Embed the npm charting library into report.html and the dashboard" ON)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)  # Debian libcpp-httplib-dev
set(GANGDU_CHART_JS web/node_modules/chart.js/dist/chart.umd.min.js)
set(GANGDU_WEB_EMBED web/gangdu.css web/gangdu-charts.js web/report.js web/dashboard.html web/dashboard.js)
if(GANGDU_WEB)
  if(NOT EXISTS ${CMAKE_SOURCE_DIR}/${GANGDU_CHART_JS})
    find_program(GANGDU_NPM npm)
    if(NOT GANGDU_NPM)
      set(_why "npm is not installed (install Node.js with npm)")
    else()
      set(_why "web/node_modules is missing")
    endif()
    message(FATAL_ERROR "gangdu: the charting library ${GANGDU_CHART_JS} is missing: ${_why}. "
      "Run scripts/install-web.sh (npm ci in web/) first, or configure with -DGANGDU_WEB=OFF "
      "to build without charts (gangdu report and serve then refuse to run).")
  endif()
  list(APPEND GANGDU_WEB_EMBED ${GANGDU_CHART_JS})
endif()
