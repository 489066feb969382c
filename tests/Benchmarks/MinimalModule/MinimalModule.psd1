# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The benches' minimal binary module (MinimalModule.csproj); build.ps1 -Task Bench copies it beside the built dll.
@{
    RootModule        = 'MinimalModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0b9e3c55-3f0e-4d61-9a4e-8d3f0c6a1b27'
    CmdletsToExport   = @('Test-MinimalRow')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
