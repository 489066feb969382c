# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:JobsCsv = Join-Path $RepoRoot 'docs/examples/jobs.csv'
    function Valid([hashtable] $Extra = @{}) {
        $p = @{ Name = 'job-ok'; SourceAddress = 'oss-src-address'; DestinationAddress = 'oss-dest-address'; OverwriteMode = 'Always'; TransferMode = 'All' }
        foreach ($k in $Extra.Keys) { $p[$k] = $Extra[$k] }
        $p
    }
}

Describe 'Test-MgwJobSpec' {
    Context 'the vendor example, typed as mgwutil documents it' {
        BeforeAll {
            $script:seed = Test-MgwJobSpec full-migration-job -src-address oss-src-address -dest-address oss-dest-address -overwrite-mode always -transfer-mode all -start-cron-expression "0 0 2 * * *" -max-schedule-count 10 -key-filters-includes "(.*).gif, (.*).pdf" -last-modified-filters-includes "2025-07-03 00:00:00 > 2025-07-04 00:00:00"
        }

        It 'is valid, without warnings' {
            $seed.IsValid | Should -BeTrue
            $seed.Errors | Should -BeNullOrEmpty
            $seed.Warnings | Should -BeNullOrEmpty
            $seed.Row | Should -Be 1
            $seed.Name | Should -Be 'full-migration-job'
        }

        It 'has a body with two Regex elements and the UTC window' {
            $xml = [xml]$seed.Body
            @($xml.ImportJob.FilterRule.KeyFilters.Includes.Regex) | Should -Be @('(.*).gif', '(.*).pdf')
            $window = $xml.ImportJob.FilterRule.LastModifiedFilters.Includes.TimeFilter
            $window.StartTime | Should -Be '2025-07-03T00:00:00Z'
            $window.EndTime | Should -Be '2025-07-04T00:00:00Z'
            $xml.ImportJob.ScheduleRule.StartCronExpression | Should -Be '0 0 2 * * *'
            $xml.ImportJob.ScheduleRule.MaxScheduleCount | Should -Be '10'
            $seed.Body | Should -Not -Match '^<\?xml|\s<'
        }

        It 'is an MgwTools.MgwSpecValidation with its default table view' {
            $seed | Should -BeOfType ([MgwTools.MgwSpecValidation])
            $table = ($seed | Format-Table | Out-String -Width 120)
            $table | Should -Match 'Row\s+Name\s+IsValid\s+Errors\s+Warnings'
            $table | Should -Match 'full-migration-job\s+True'
        }
    }

    Context 'docs/examples/jobs.csv through Import-Csv' {
        BeforeAll { $script:results = @(Import-Csv $JobsCsv | Test-MgwJobSpec) }

        It 'writes one result per row, numbered from 1' {
            $results.Count | Should -Be 14
            $results.Row | Should -Be (1..14)
        }

        It 'finds 8 valid and 6 invalid rows' {
            @($results | Where-Object IsValid).Count | Should -Be 8
            @($results | Where-Object { -not $_.IsValid }).Count | Should -Be 6
        }

        It 'row <Row> (<Name>) reports <Codes>' -TestCases @(
            @{ Row = 7; Name = 'media-q3'; Codes = 'NonPortableRegex'; Field = 'IncludeKey' }
            @{ Row = 8; Name = 'Bad Name!'; Codes = 'InvalidJobName'; Field = 'Name' }
            @{ Row = 9; Name = 'backup-every-10-min'; Codes = 'CronTooFrequent'; Field = 'StartCron' }
            @{ Row = 10; Name = 'throttle-typo'; Codes = 'InvalidBandwidth,QpsOutOfRange'; Field = 'MaxBandwidth' }
            @{ Row = 11; Name = 'mode-mixup'; Codes = 'InvalidValue,InvalidModeCombination'; Field = 'CreateReport' }
            @{ Row = 12; Name = 'reversed-window'; Codes = 'TimeWindowReversed'; Field = 'IncludeLastModified' }
            @{ Row = 13; Name = 'copy-to-itself'; Codes = 'SameSourceAndDestination'; Field = 'DestinationAddress' }
            @{ Row = 14; Name = 'no-destination'; Codes = 'MissingValue,MissingTransferMode'; Field = 'DestinationAddress' }
        ) {
            param($Row, $Name, $Codes, $Field)
            $r = $results[$Row - 1]
            $r.Name | Should -Be $Name
            $findings = @($r.Errors) + @($r.Warnings)
            ($findings.Code -join ',') | Should -Be $Codes
            $findings[0].Field | Should -Be $Field
            $findings | ForEach-Object { $_.Row | Should -Be $Row; $_.JobName | Should -Be $Name; $_.Message | Should -Not -BeNullOrEmpty }
        }

        It 'converts the friendly text of the valid rows' {
            $body = [xml]$results[1].Body
            $body.ImportJob.ImportQos.MaxBandWidth | Should -Be '200000000'
            $body.ImportJob.TransferMode | Should -Be 'lastmodified'
            $body.ImportJob.Audit.LogMode | Should -Be 'detail'
            $body.ImportJob.CreateReport | Should -Be 'true'
            $nas = [xml]$results[2].Body
            $nas.ImportJob.TransferMode | Should -Be 'all'
            $nas.ImportJob.FilterRule.FileTypeFilters.ExcludeDir | Should -Be 'true'
            @($nas.ImportJob.FilterRule.KeyFilters.Excludes.Regex) | Should -Be @('(.*)\.tmp', '(.*)~')
            ([xml]$results[3].Body).ImportJob.ImportQos.MaxBandWidth | Should -Be '200000000'
            ([xml]$results[4].Body).ImportJob.ImportQos.MaxBandWidth | Should -Be '4194304'
            ([xml]$results[4].Body).ImportJob.FilterRule.KeyFilters.Includes.Regex | Should -Be 'logs/[0-9]{4}-[0-9]{2}-[0-9]{2}/.*'
            ([xml]$results[6].Body).ImportJob.FilterRule.LastModifiedFilters.Includes.TimeFilter.StartTime | Should -Be '2025-06-30T16:00:00Z'
        }
    }

    Context 'aliases: PowerShell, API and mgwutil names' {
        It 'every parameter of design §2 has its aliases' {
            $params = (Get-Command Test-MgwJobSpec).Parameters
            $expected = @{
                Name = 'JobName', 'job-name'; SourceAddress = 'SrcAddress', 'src-address'; DestinationAddress = 'DestAddress', 'dest-address'
                OverwriteMode = , 'overwrite-mode'; TransferMode = , 'transfer-mode'; MaxBandwidth = , 'max-bandwidth'
                MaxQps = 'max-qps', 'MaxImportTaskQps'; CreateReport = , 'create-report'; LogMode = , 'log-mode'
                ExcludeDirectory = 'ExcludeDir', 'exclude-dir'; ExcludeSymlink = , 'exclude-symlink'
                IncludeKey = 'KeyFiltersIncludes', 'key-filters-includes'; ExcludeKey = 'KeyFiltersExcludes', 'key-filters-excludes'
                IncludeLastModified = 'LastModifiedFiltersIncludes', 'last-modified-filters-includes'
                ExcludeLastModified = 'LastModifiedFiltersExcludes', 'last-modified-filters-excludes'
                WithStorageClass = , 'with-storage-class'; TargetStorageClass = , 'target-storage-class'
                WithLastModifyTime = , 'with-last-modify-time'; ParentVersion = , 'parent-version'
                ConvertSymlinkTarget = , 'convert-symlink-target'; AppendableToNormal = , 'appendable-to-normal'
                StartCron = 'StartCronExpression', 'start-cron-expression'; SuspendCron = 'SuspendCronExpression', 'suspend-cron-expression'
                MaxScheduleCount = , 'max-schedule-count'; Tag = , 'Tags'
            }
            foreach ($name in $expected.Keys) {
                $params[$name] | Should -Not -BeNullOrEmpty -Because $name
                $params[$name].Aliases | Should -Be $expected[$name] -Because $name
                $attr = $params[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
                $attr.Mandatory | Should -BeFalse -Because $name
                # Read from a piped row's property by the cmdlet itself (not PowerShell's binder), and documented so.
                (Get-Help Test-MgwJobSpec -Parameter $name).pipelineInput | Should -Be 'True (ByPropertyName)' -Because $name
            }
            ($params['Name'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).Position | Should -Be 0
        }

        It 'binds API names as CSV headers' {
            $csv = @'
JobName,SrcAddress,DestAddress,OverwriteMode,TransferMode,MaxBandWidth,MaxImportTaskQps,KeyFiltersIncludes,LastModifiedFiltersExcludes,StartCronExpression,SuspendCronExpression,ExcludeDir,Tags
api-names,oss-src-address,oss-archive,always,lastmodified,1073741824,1000,"a{1,3},b",2025-01-01 00:00:00 > 2025-02-01 00:00:00,0 0 1 * * *,0 0 7 * * *,1,"k1:v1,k2:v2"
'@ | ConvertFrom-Csv
            $r = $csv | Test-MgwJobSpec
            $r.IsValid | Should -BeTrue
            $x = ([xml]$r.Body).ImportJob
            $x.SrcAddress | Should -Be 'oss-src-address'
            $x.ImportQos.MaxImportTaskQps | Should -Be '1000'
            @($x.FilterRule.KeyFilters.Includes.Regex) | Should -Be @('a{1,3}', 'b')
            $x.FilterRule.LastModifiedFilters.Excludes.TimeFilter.EndTime | Should -Be '2025-02-01T00:00:00Z'
            $x.ScheduleRule.SuspendCronExpression | Should -Be '0 0 7 * * *'
            $x.Tags | Should -Be 'k1:v1,k2:v2'
        }

        It 'binds mgwutil names typed as dashed parameters' {
            $r = Test-MgwJobSpec dashed-job -src-address nas-src -dest-address oss-archive -overwrite-mode never -max-qps 100 -exclude-dir -exclude-symlink -with-storage-class -create-report -log-mode basic -convert-symlink-target -appendable-to-normal -parent-version 6af62558-970d-4f44-8663-4e297170fd6a
            $r.IsValid | Should -BeTrue
            $x = ([xml]$r.Body).ImportJob
            $x.FilterRule.FileTypeFilters.ExcludeDir, $x.FilterRule.FileTypeFilters.ExcludeSymlink, $x.WithStorageClass, $x.CreateReport,
            $x.ConvertSymlinkTarget, $x.AppendableToNormal | Should -Be @('true', 'true', 'true', 'true', 'true', 'true')
            $x.ParentVersion | Should -Be '6af62558-970d-4f44-8663-4e297170fd6a'
            $x.TransferMode | Should -Be 'all'
        }
    }

    Context 'switches typed and as CSV text' {
        It '-WithLastModifyTime:$false is sent as false; unset switches are omitted' {
            $p = Valid
            $r = Test-MgwJobSpec @p -WithLastModifyTime:$false
            $r.Body | Should -Match '<WithLastModifyTime>false</WithLastModifyTime></ImportJob>$'
            $r.Body | Should -Not -Match 'CreateReport|ExcludeDir|WithStorageClass'
        }

        It 'CSV <Text> binds as <Expected>' -TestCases @(
            @{ Text = 'true'; Expected = 'true' }, @{ Text = 'YES'; Expected = 'true' }, @{ Text = '1'; Expected = 'true' }
            @{ Text = 'False'; Expected = 'false' }, @{ Text = 'no'; Expected = 'false' }, @{ Text = '0'; Expected = 'false' }
            @{ Text = ''; Expected = $null }
        ) {
            param($Text, $Expected)
            $row = [pscustomobject]@{ 'job-name' = 'switchy'; 'src-address' = 'a1b'; 'dest-address' = 'b2c'; 'overwrite-mode' = 'never'
                'create-report' = $Text; 'with-last-modify-time' = $Text; 'exclude-symlink' = $Text }
            $x = ([xml]($row | Test-MgwJobSpec).Body).ImportJob
            $x.CreateReport | Should -Be $Expected
            $x.WithLastModifyTime | Should -Be $Expected
            if ($null -eq $Expected) { $x.FilterRule | Should -BeNullOrEmpty } else { $x.FilterRule.FileTypeFilters.ExcludeSymlink | Should -Be $Expected }
        }
    }

    Context 'friendly input' {
        It 'takes bandwidth text, a hashtable of tags, a [datetime] pair and an object with Start/End' {
            $p = Valid @{
                MaxBandwidth = '1Gibps'; Tag = [ordered]@{ team = 'data'; env = 'prod' }
                IncludeLastModified = [datetime]'2025-07-03', [datetime]'2025-07-04'
                ExcludeLastModified = [pscustomobject]@{ Start = '2025-07-03 06:00:00'; End = [datetime]'2025-07-03 07:00:00' }
            }
            $r = Test-MgwJobSpec @p
            $r.IsValid | Should -BeTrue
            $x = ([xml]$r.Body).ImportJob
            $x.ImportQos.MaxBandWidth | Should -Be '1073741824'
            $x.Tags | Should -Be 'team:data,env:prod'
            $x.FilterRule.LastModifiedFilters.Includes.TimeFilter.StartTime | Should -Be '2025-07-03T00:00:00Z'
            $x.FilterRule.LastModifiedFilters.Excludes.TimeFilter.EndTime | Should -Be '2025-07-03T07:00:00Z'
        }

        It 'binds an MgwCron-like object to -StartCron through ToString()' {
            class FakeCron { [string] ToString() { return '0 0 4 * * *' } }
            $p = Valid @{ StartCron = [FakeCron]::new() }
            ([xml](Test-MgwJobSpec @p).Body).ImportJob.ScheduleRule.StartCronExpression | Should -Be '0 0 4 * * *'
        }

        It 'honours the region limits (<Region>: 1.5Gbps valid = <Valid>)' -TestCases @(
            @{ Region = 'cn-hangzhou'; Valid = $true }, @{ Region = 'us-east-1'; Valid = $false }, @{ Region = 'ap-southeast-1'; Valid = $false }
        ) {
            param($Region, $Valid)
            $p = Valid @{ MaxBandwidth = '1.5Gbps' }
            (Test-MgwJobSpec @p -Region $Region).IsValid | Should -Be $Valid
        }

        It 'warns about an unknown region and applies the highest limit' {
            $p = Valid @{ MaxBandwidth = '2Gbps' }
            $r = Test-MgwJobSpec @p -Region mars-north-1 -WarningVariable w -WarningAction SilentlyContinue
            $r.IsValid | Should -BeTrue
            $w | Should -Match "Region 'mars-north-1' is not one of"
        }
    }

    Context 'bad CSV text ends as a finding for its row' {
        BeforeAll {
            $script:bad = @'
job-name,src-address,dest-address,overwrite-mode,transfer-mode,max-bandwidth,max-qps,create-report,log-mode,target-storage-class,max-schedule-count,last-modified-filters-includes,Tags,start-cron-expression
good-one,oss-src-address,oss-dest-address,always,all,,,,,,,,,
bad-enum,oss-src-address,oss-dest-address,sometimes,changed,,,,verbose,Glacier,,,,
bad-numbers,oss-src-address,oss-dest-address,always,all,lots,many,,,,often,,,0 0 1 * * *
bad-switch,oss-src-address,oss-dest-address,always,all,,,perhaps,,,,,,
bad-window,oss-src-address,oss-dest-address,always,all,,,,,,,last tuesday,,
bad-tag,oss-src-address,oss-dest-address,always,all,,,,,,,,no-colon-here,
good-two,nas-src,oss-archive,never,,,,,,,,,,
'@ | ConvertFrom-Csv
            $script:out = @($bad | Test-MgwJobSpec -ErrorVariable errs -ErrorAction Continue)
            $script:errs = $errs
        }

        It 'keeps every row and writes no error record' {
            $out.Count | Should -Be 7
            $out.Row | Should -Be (1..7)
            $errs | Should -BeNullOrEmpty
            $out[0].IsValid, $out[6].IsValid | Should -Be @($true, $true)
        }

        It 'row <Row> has <Code> on <Fields>' -TestCases @(
            @{ Row = 2; Code = 'InvalidValue'; Fields = 'OverwriteMode,TransferMode,LogMode,TargetStorageClass' }
            @{ Row = 3; Code = 'InvalidBandwidth'; Fields = 'MaxBandwidth' }
            @{ Row = 3; Code = 'InvalidValue'; Fields = 'MaxQps,MaxScheduleCount' }
            @{ Row = 4; Code = 'InvalidValue'; Fields = 'CreateReport' }
            @{ Row = 5; Code = 'InvalidTimeWindow'; Fields = 'IncludeLastModified' }
            @{ Row = 6; Code = 'InvalidTag'; Fields = 'Tag' }
        ) {
            param($Row, $Code, $Fields)
            $r = $out[$Row - 1]
            $r.IsValid | Should -BeFalse
            $r.Body | Should -BeNullOrEmpty
            $f = @($r.Errors | Where-Object Code -EQ $Code)
            ($f.Field -join ',') | Should -Be $Fields
            $f | ForEach-Object { $_.Row | Should -Be $Row; $_.Value | Should -Not -BeNullOrEmpty; $_.Severity | Should -Be 'Error' }
        }

        It 'does not also call a field it could not read missing' {
            $out[1].Errors.Code | Should -Not -Contain 'MissingValue'
            $out[1].Errors.Code | Should -Not -Contain 'MissingTransferMode'
        }

        It 'never throws, even typed and with -ErrorAction Stop' {
            { Test-MgwJobSpec -OverwriteMode nope -MaxBandwidth '9 parsecs' -CreateReport:'perhaps' -IncludeLastModified 'x > y' -Tag 'oops' -MaxQps abc -ErrorAction Stop } |
                Should -Not -Throw
            $r = Test-MgwJobSpec -OverwriteMode nope -MaxBandwidth '9 parsecs' -MaxQps abc -ErrorAction Stop
            $r.Errors.Code | Should -Contain 'InvalidBandwidth'
            ($r.Errors | Where-Object Code -EQ 'MissingValue').Field | Should -Be @('Name', 'SourceAddress', 'DestinationAddress')
        }
    }

    Context 'one table of fields' {
        It '<Command>: every job-spec parameter has the name, aliases and type of its JobFields entry' -TestCases @(
            @{ Command = 'Test-MgwJobSpec' }, @{ Command = 'New-MgwJob' }
        ) {
            param($Command)
            $params = (Get-Command $Command).Parameters
            $fields = @([MgwTools.Core.Specs.JobFields]::All)
            $fields.Count | Should -Be 25
            foreach ($f in $fields) {
                $p = $params[$f.Name]
                $p | Should -Not -BeNullOrEmpty -Because $f.Name
                @($p.Aliases) | Should -Be @($f.Aliases) -Because $f.Name
                $expected = if ($f.IsSwitch) { [switch] } else { [MgwTools.SpecArgument`1].MakeGenericType($f.ParameterType) }
                $p.ParameterType | Should -Be $expected -Because $f.Name
                ($p.Attributes | Where-Object { $_ -is [MgwTools.Transforms.SpecValueTransformAttribute] }).Field | Should -Be $f.Name -Because $f.Name
            }
            $byName = @($params.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName } })
            # Not even the parent (Test-MgwJobSpec checks it with -Online): the cmdlet reads it from the row as it reads the fields.
            $byName | Should -BeNullOrEmpty
            $params['ParentJobName'].ParameterType | Should -Be ([MgwTools.SpecArgument[string]])
            @($params['ParentJobName'].Attributes | Where-Object { $_ -is [MgwTools.Transforms.RowValueTransformAttribute] }) | Should -HaveCount 1
            (Get-Help Test-MgwJobSpec -Parameter ParentJobName).pipelineInput | Should -Be 'True (ByPropertyName)'
            (Get-Help Test-MgwJobSpec -Parameter ParentJobName).type.name | Should -Be 'String'
        }

        It 'help documents each parameter as the type it takes, with the accepted values' {
            $h = Get-Help Test-MgwJobSpec -Parameter OverwriteMode
            $h.type.name | Should -Be 'OverwriteMode'
            (Get-Help Test-MgwJobSpec -Parameter IncludeKey).type.name | Should -Be 'String[]'
            (Get-Help Test-MgwJobSpec -Full | Out-String -Width 1000) | Should -Match ([regex]::Escape('[-LogMode {Off | Basic | Detail}]'))
        }
    }

    Context 'a piped row read once, by the cmdlet' {
        It 'binds nothing through PowerShell''s by-property-name binding: only the row object' {
            $params = (Get-Command Test-MgwJobSpec).Parameters
            foreach ($f in [MgwTools.Core.Specs.JobFields]::All) {
                $attr = $params[$f.Name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
                $attr.ValueFromPipelineByPropertyName | Should -BeFalse -Because $f.Name
                $attr.ValueFromPipeline | Should -BeFalse -Because $f.Name
            }
            ($params['InputObject'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipeline | Should -BeTrue
            $parent = $params['ParentJobName'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
            $parent.ValueFromPipelineByPropertyName | Should -BeFalse
            $parent.ValueFromPipeline | Should -BeFalse
        }

        It 'reads a row''s properties under any spelling and case, and other objects'' properties by name' {
            $row = [pscustomobject]@{ 'JOB-NAME' = 'row-a'; srcaddress = 'oss-a'; 'Dest-Address' = 'oss-b'; overwritemode = 'never'; 'MAX-QPS' = '50' }
            $r = $row | Test-MgwJobSpec
            $r.IsValid | Should -BeTrue
            $r.Spec.Name | Should -Be 'row-a'
            $r.Spec.MaxQps | Should -Be 50
            # Not a row object: its .NET properties are read by name as PowerShell's binder would.
            $spec = [MgwTools.MgwJobSpec]@{ Name = 'typed-a'; SourceAddress = 'oss-a'; DestinationAddress = 'oss-b'; OverwriteMode = 'Never' }
            ($spec | Test-MgwJobSpec).Spec.Name | Should -Be 'typed-a'
        }

        It 'lists a row object''s properties as PowerShell does, the fast way where it can' {
            $reader = [MgwTools.Commands.JobSpecCmdlet].Assembly.GetType('MgwTools.Commands.RowProperties')
            $flags = [Reflection.BindingFlags]'NonPublic, Static'
            $reader.GetProperty('HasFastPath', $flags).GetValue($null) | Should -BeTrue -Because 'PowerShell 7 keeps a row''s properties as instance members'
            $of = $reader.GetMethod('Of', $flags)
            $withScript = [pscustomobject]@{ Name = 'a'; 'src-address' = 'oss-a' } | Add-Member -MemberType ScriptProperty -Name Computed -Value { 1 } -PassThru |
                Add-Member -MemberType AliasProperty -Name JobName -Value Name -PassThru
            $rows = @(
                (Import-Csv $JobsCsv | Select-Object -First 1)
                [pscustomobject]@{}
                $withScript
                [pscustomobject]@{ PSTypeName = 'MgwTest.Row'; Name = 'typed' }
            )
            foreach ($row in $rows) {
                $fast = @($of.Invoke($null, @(, [psobject]$row)) | ForEach-Object Name)
                $fast | Should -Be @($row.psobject.Properties.Name) -Because "$($row.psobject.TypeNames[0]) $($fast -join ',')"
            }
        }

        It 'reads properties that type data adds to a row''s own type, as the binder did' {
            Update-TypeData -TypeName 'MgwTest.TypedRow' -MemberType ScriptProperty -MemberName SourceAddress -Value { 'oss-typed' } -Force
            try {
                $r = [pscustomobject]@{ PSTypeName = 'MgwTest.TypedRow'; Name = 'typed-a'; DestinationAddress = 'oss-b'; OverwriteMode = 'never' } | Test-MgwJobSpec
                $r.Spec.SourceAddress | Should -Be 'oss-typed'
                $r.IsValid | Should -BeTrue
            }
            finally {
                Remove-TypeData -TypeName 'MgwTest.TypedRow'
            }
        }

        It 'runs a script block given for a field for each piped row, as PowerShell''s delay-bind does' {
            $rows = 'a', 'b' | ForEach-Object { [pscustomobject]@{ id = "Row-$_"; src = 'oss-a'; DestinationAddress = 'oss-b'; OverwriteMode = 'never'; report = ($_ -eq 'a') } }
            $out = @($rows | Test-MgwJobSpec -Name { $_.id.ToLower() } -SourceAddress { $_.src } -CreateReport:{ $_.report } -MaxQps { 10 * 5 } -WarningAction SilentlyContinue)
            $out.Name | Should -Be @('row-a', 'row-b')
            $out.Spec.SourceAddress | Should -Be @('oss-a', 'oss-a')
            $out.Spec.CreateReport | Should -Be @($true, $false)
            $out.Spec.MaxQps | Should -Be @(50, 50)
            $out.IsValid | Should -Be @($true, $true)
        }

        It 'makes a script block that fails a finding for its row, with the field' {
            $r = [pscustomobject]@{ SourceAddress = 'oss-a'; DestinationAddress = 'oss-b'; OverwriteMode = 'never' } | Test-MgwJobSpec -Name { throw 'no name here' }
            $r.IsValid | Should -BeFalse
            $f = $r.Errors | Where-Object Field -EQ 'Name'
            $f.Code | Should -Be 'InvalidValue'
            $f.Row | Should -Be 1
            $f.Message | Should -Be 'The script block given to -Name failed for this row: no name here'
        }

        It 'runs a script block given for -ParentJobName for each row, and makes one that fails a finding for its row' {
            $rows = 'a', 'b' | ForEach-Object { [pscustomobject]@{ Name = "kid-$_"; SourceAddress = 'oss-a'; DestinationAddress = 'oss-b'; OverwriteMode = 'never'; up = $_ } }
            $out = @($rows | Test-MgwJobSpec -ParentJobName { if ($_.up -eq 'b') { throw 'no parent here' } "root-$($_.up)" })
            $out.IsValid | Should -Be @($true, $false)
            $f = $out[1].Errors | Where-Object Field -EQ 'ParentJobName'
            ($f.Code, $f.Row, $f.Message) | Should -Be @('InvalidValue', 2, 'The script block given to -ParentJobName failed for this row: no parent here')
            $e = { Test-MgwJobSpec -Name kid-a -ParentJobName { $_.up } -ErrorAction Stop } | Should -Throw -PassThru
            Assert-ErrorRecord $e -Code ScriptBlockArgumentNoInput -Command Test-MgwJobSpec -Category InvalidArgument `
                -Message "Cannot evaluate parameter 'ParentJobName' because its argument is specified as a script block and there is no input.*"
        }

        It 'refuses a script block when there is no piped row to run it for' {
            $e = { Test-MgwJobSpec -Name { $_.id } -SourceAddress oss-a -ErrorAction Stop } | Should -Throw -PassThru
            Assert-ErrorRecord $e -Code ScriptBlockArgumentNoInput -Command Test-MgwJobSpec -Category InvalidArgument `
                -Message "Cannot evaluate parameter 'Name' because its argument is specified as a script block and there is no input.*"
            $e.Exception.Error.Field | Should -Be 'Name'
        }
    }

    Context 'many rows, each as it would be alone' {
        BeforeAll {
            # 300 rows sharing most of their cells (bound from the row before's values), some invalid in different ways.
            $script:ManyRows = @(foreach ($i in 1..300) {
                [pscustomobject]@{
                    'job-name'       = if ($i % 7 -eq 0) { "Bad Name $i" } else { 'job-{0:d3}' -f $i }
                    'src-address'    = 'oss-src'
                    'dest-address'   = if ($i % 11 -eq 0) { 'oss-src' } else { 'oss-dest' }
                    'overwrite-mode' = if ($i % 13 -eq 0) { 'sometimes' } else { 'never' }
                    'max-bandwidth'  = '{0}Mbps' -f (100 + $i)
                    'Tags'           = 'team:t{0}' -f ($i % 3)
                }
            })
            function Show-Result($r) { '{0}|{1}|{2}|{3}|{4}' -f $r.Row, $r.Name, $r.IsValid, (($r.Errors + $r.Warnings | ForEach-Object { "$($_.Code):$($_.Message)" }) -join ';'), $r.Body }
        }

        It 'gives each row the verdict it gets alone, in row order' {
            $together = @($ManyRows | Test-MgwJobSpec)
            $together.Count | Should -Be 300
            $together.Row | Should -Be (1..300)
            $alone = @(foreach ($row in $ManyRows) { $row | Test-MgwJobSpec })
            for ($i = 0; $i -lt 300; $i++) {
                (Show-Result $together[$i]) | Should -Be ((Show-Result $alone[$i]) -replace '^1\|', "$($i + 1)|")
            }
            @($together | Where-Object { -not $_.IsValid }).Count | Should -Be @($alone | Where-Object { -not $_.IsValid }).Count
            @($ManyRows | Test-MgwJobSpec -Quiet) | Should -Be @($together.IsValid)
        }
    }

    Context 'each value bound once, as given' {
        It 'reports a bad command-line value with its text on every piped row' {
            $rows = 1..2 | ForEach-Object { [pscustomobject]@{ Name = "row-$_"; SourceAddress = 'oss-a'; DestinationAddress = 'oss-b'; OverwriteMode = 'never' } }
            $out = @($rows | Test-MgwJobSpec -MaxBandwidth '9 parsecs' -LogMode loud)
            $out.Count | Should -Be 2
            foreach ($r in $out) {
                ($r.Errors.Code -join ',') | Should -Be 'InvalidBandwidth,InvalidValue'
                $r.Errors[0].Message | Should -BeLike "MaxBandwidth '9 parsecs' is not a bandwidth*"
                $r.Errors[1].Value | Should -Be 'loud'
                $r.Errors | ForEach-Object { $_.Row | Should -Be $r.Row }
            }
        }

        It 'a value on the command line wins over the same field in the piped object' {
            $r = [pscustomobject]@{ Name = 'cli-wins'; SrcAddress = 'oss-col'; DestinationAddress = 'oss-dest'; OverwriteMode = 'never' } |
                Test-MgwJobSpec -SourceAddress oss-cli
            $r.IsValid | Should -BeTrue
            ([xml]$r.Body).ImportJob.SrcAddress | Should -Be 'oss-cli'
        }

        It 'a typed -CreateReport:''yes'' binds as true' {
            $p = Valid
            ([xml](Test-MgwJobSpec @p -CreateReport:'yes').Body).ImportJob.CreateReport | Should -Be 'true'
        }
    }

    Context 'values that would validate but cannot be sent' {
        BeforeAll {
            $script:rows = @(@'
job-name,SourceAddress,SrcAddress,src-address,dest-address,overwrite-mode,OverwriteMode,Tags,key-filters-includes
alias-clash,oss-a,oss-b,oss-c,oss-dest,never,never,,
alias-agree,oss-a,oss-a,,oss-dest,never,NEVER,,
alias-empty,,,oss-c,oss-dest,never,,,
Upper-Address,Oss_Src,,,oss-dest,never,,,
non-ascii-tag,oss-a,,,oss-dest,never,,équipe:données,
'@ | ConvertFrom-Csv | Test-MgwJobSpec)
        }

        It 'reports columns that give one field different values (AmbiguousValue) for their row' {
            $f = @($rows[0].Errors)
            $f.Code | Should -Be 'AmbiguousValue'
            $f.Field | Should -Be 'SourceAddress'
            $f.Row | Should -Be 1
            $f.JobName | Should -Be 'alias-clash'
            @($f.Value) | Should -Be @('oss-a', 'oss-b', 'oss-c')
            $f.Message | Should -BeLike "SourceAddress is given 3 times with different values: SourceAddress 'oss-a', SrcAddress 'oss-b', src-address 'oss-c'. Give it once*"
        }

        It 'binds columns that agree, and a given column over an empty one' {
            $rows[1].IsValid | Should -BeTrue
            ([xml]$rows[1].Body).ImportJob.SrcAddress | Should -Be 'oss-a'
            $rows[2].IsValid | Should -BeTrue
            ([xml]$rows[2].Body).ImportJob.SrcAddress | Should -Be 'oss-c'
        }

        It 'reports a source or destination that cannot be an address name (InvalidAddressName)' {
            $f = @($rows[3].Errors)
            $f.Code | Should -Be 'InvalidAddressName'
            $f.Field | Should -Be 'SourceAddress'
            $f.Value | Should -Be 'Oss_Src'
            $f.Message | Should -BeLike "SourceAddress 'Oss_Src' cannot be the name of a data address*3-63 lowercase letters*"
            $rows[3].Warnings.Code | Should -Be 'JobNameNotCanonical'
        }

        It 'reports tags with letters outside ASCII (InvalidTag)' {
            $rows[4].Errors.Code | Should -Be 'InvalidTag'
            $rows[4].Errors.Message | Should -BeLike '*outside ASCII*'
        }

        It 'reports a hashtable or several values given for a text field (InvalidValue), not "System.Collections.Hashtable"' {
            $r = Test-MgwJobSpec job-x -SourceAddress @{ a = 1 } -DestinationAddress oss-dest -OverwriteMode never
            $r.Errors.Code | Should -Be 'InvalidValue'
            $r.Errors.Field | Should -Be 'SourceAddress'
            $r.Errors.Message | Should -Be 'SourceAddress got a hashtable, not text. Give it one text value.'
            $piped = [pscustomobject]@{ Name = 'job-y', 'job-z'; SourceAddress = 'oss-a'; DestinationAddress = [pscustomobject]@{ Bucket = 'b' }; OverwriteMode = 'never' } | Test-MgwJobSpec
            ($piped.Errors.Field -join ',') | Should -Be 'Name,DestinationAddress'
            $piped.Errors[0].Message | Should -BeLike "Name got 2 values*"
        }

        It 'reports characters the request body cannot carry (InvalidValue): <What>' -TestCases @(
            @{ What = 'a NUL'; Text = "oss`0dest"; Shown = 'oss\u0000dest'; Says = 'U+0000, a control character' }
            @{ What = 'a lone surrogate'; Text = 'oss-dest' + [char]0xD800; Shown = 'oss-dest\uD800'; Says = 'U+D800, half of a character' }
            @{ What = 'U+FFFF'; Text = 'oss-dest' + [char]0xFFFF; Shown = 'oss-dest\uFFFF'; Says = 'U+FFFF, which is not a character' }
        ) {
            param($What, $Text, $Shown, $Says)
            $r = [pscustomobject]@{ Name = 'char-job'; SourceAddress = 'oss-a'; DestinationAddress = $Text; OverwriteMode = 'never' } | Test-MgwJobSpec
            $f = @($r.Errors)
            $f.Code | Should -Be 'InvalidValue'
            $f.Field | Should -Be 'DestinationAddress'
            $f.Message | Should -BeLike "DestinationAddress '$Shown' contains $Says*cannot carry*"
            $r.Body | Should -BeNullOrEmpty
        }
    }

    Context 'limits, checked in linear time' {
        It '<Field> over its limit is <Code>, naming the limit' -TestCases @(
            @{ Field = 'key-filters-includes'; Value = 'a' * 2000; Code = 'ValueTooLong'; Says = '2,000 characters; a key filter takes at most 1,024' }
            @{ Field = 'key-filters-excludes'; Value = ((1..101 | ForEach-Object { "r$_" }) -join ','); Code = 'TooManyValues'; Says = '101 regular expressions; it takes at most 100' }
            @{ Field = 'last-modified-filters-includes'; Value = ((1..101 | ForEach-Object { '2025-01-01 > 2025-01-02' }) -join ','); Code = 'TooManyValues'; Says = '101 time windows; it takes at most 100' }
            @{ Field = 'start-cron-expression'; Value = '0 0 2 * * ' + ('1,' * 200) + '1'; Code = 'ValueTooLong'; Says = '411 characters; a cron takes at most 256' }
            @{ Field = 'Tags'; Value = ((1..200 | ForEach-Object { "k${_}:v$_" }) -join ','); Code = 'InvalidTag'; Says = 'the service takes at most 1,024' }
            @{ Field = 'job-name'; Value = 'n' * 64; Code = 'InvalidJobName'; Says = 'is not 3-63 characters' }
        ) {
            param($Field, $Value, $Code, $Says)
            $row = [ordered]@{ 'job-name' = 'limit-job'; 'src-address' = 'oss-a'; 'dest-address' = 'oss-b'; 'overwrite-mode' = 'never' }
            $row[$Field] = $Value
            $r = [pscustomobject]$row | Test-MgwJobSpec
            $f = @($r.Errors | Where-Object Code -EQ $Code)
            $f | Should -HaveCount 1
            $f[0].Message | Should -BeLike "*$Says*"
            $f[0].Row | Should -Be 1
        }

        It 'answers a megabyte of regex syntax in a CSV cell at once, with a short message' {
            $big = '(?=a)\p{IsGreek}(?<a-b>c)' * 45000
            $r = [pscustomobject]@{ 'job-name' = 'big-job'; 'src-address' = 'oss-a'; 'dest-address' = 'oss-b'; 'overwrite-mode' = 'never'; 'key-filters-includes' = $big } |
                Test-MgwJobSpec
            $r.Errors.Code | Should -Be 'ValueTooLong'
            $r.Errors.Message.Length | Should -BeLessThan 400
            $r.Errors.Message | Should -BeLike '*(1,125,000 characters)*is 1,125,000 characters; a key filter takes at most 1,024*'
        }
    }

    Context '-Quiet' {
        It 'writes only booleans, one per input' {
            $q = @(Import-Csv $JobsCsv | Test-MgwJobSpec -Quiet)
            $q.Count | Should -Be 14
            $q | ForEach-Object { $_ | Should -BeOfType ([bool]) }
            @($q | Where-Object { $_ }).Count | Should -Be 8
            $p = Valid
            Test-MgwJobSpec @p -Quiet | Should -BeExactly $true
            Test-MgwJobSpec -Quiet | Should -BeExactly $false
        }
    }

    Context 'tab completion' {
        It '-<Parameter> offers <Expected>' -TestCases @(
            @{ Parameter = 'OverwriteMode'; Expected = 'Always', 'Never' }
            @{ Parameter = 'overwrite-mode'; Expected = 'Always', 'Never' }
            @{ Parameter = 'TransferMode'; Expected = 'All', 'LastModified' }
            @{ Parameter = 'LogMode'; Expected = 'Off', 'Basic', 'Detail' }
            @{ Parameter = 'TargetStorageClass'; Expected = 'Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive' }
        ) {
            param($Parameter, $Expected)
            $line = "Test-MgwJobSpec -$Parameter "
            $texts = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            foreach ($e in $Expected) { $texts | Should -Contain $e }
        }

        It '-Region offers the 12 regions, filtered by what is typed' {
            (Complete 'Test-MgwJobSpec -Region ').CompletionText.Count | Should -Be 12
            (Complete 'Test-MgwJobSpec -Region cn-').CompletionText | Sort-Object | Should -Be (@('cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-wulanchabu', 'cn-shenzhen', 'cn-chengdu', 'cn-hongkong') | Sort-Object)
            (Complete 'Test-MgwJobSpec -Region us').CompletionText | Should -Be @('us-east-1', 'us-west-1')
        }
    }
}
