# Modules made of natives (no code) answer module_info/0,1 like any module.
IO.inspect(:math.module_info(:module))
exports = :math.module_info(:exports)
IO.inspect(Keyword.get_values(exports, :sqrt))
IO.inspect(Keyword.get_values(exports, :module_info))
IO.inspect(Keyword.has_key?(:math.module_info(), :exports))
IO.inspect(:lists.module_info(:module))
IO.inspect(Keyword.get_values(:lists.module_info(:exports), :reverse))
