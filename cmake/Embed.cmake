# gangdu_embed(OUT file...) writes a C++ source defining
#   gangdu::embedded::find(std::string_view name) -> std::string_view
# with the bytes of each listed file (path relative to the source dir).
function(gangdu_embed OUT)
  set(inputs "")
  string(REPLACE ";" "," files_arg "${ARGN}")
  foreach(f IN LISTS ARGN)
    list(APPEND inputs ${CMAKE_SOURCE_DIR}/${f})
  endforeach()
  add_custom_command(OUTPUT ${OUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${OUT} -DSRC=${CMAKE_SOURCE_DIR} "-DFILES=${files_arg}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding default scenario, historical record and web assets")
endfunction()
