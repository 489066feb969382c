# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwAddress -Path against the local service (127.0.0.1 only): the CSV files read by the command itself, as
# New-MgwJob -Path reads them (encoding, delimiter, file lines), and the columns checked (UnknownColumn, -Strict).
BeforeAll {
    . (Join-Path $PSScriptRoot 'AddressTestKit.ps1')
    $script:AddressesCsv = Join-Path $RepoRoot 'docs/examples/addresses.csv'
    $script:KeySecret = 'addr' + [guid]::NewGuid().ToString('N')
    $script:Key = [pscredential]::new('AKIAIOSFODNN7EXAMPLE', (ConvertTo-SecureString $KeySecret -AsPlainText -Force))

    # An address CSV of OSS rows: 'name,bucket' pairs under the header, with the delimiter and encoding asked for.
    function New-AddressCsv([string] $Path, [string[]] $Rows, [string] $Delimiter = ',', [string] $Encoding = 'utf8NoBOM', [string] $Header) {
        $d = $Delimiter
        $head = if ($Header) { $Header } else { 'Name,Type,Bucket,BucketRegion,Role' }
        $lines = @($head -replace ',', $d) + @($Rows | ForEach-Object { $_ -replace ',', $d })
        Set-Content -LiteralPath $Path -Value $lines -Encoding $Encoding
        $Path
    }
}

Describe 'New-MgwAddress -Path' {
    BeforeEach { $svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'the parameter' {
        It 'is the CsvFile set (with -Delimiter and -Strict), and stays the FileSystem set''s directory' {
            $command = Get-Command New-MgwAddress
            $csv = $command.ParameterSets | Where-Object Name -EQ 'CsvFile'
            @($csv.Parameters | Where-Object IsMandatory | ForEach-Object Name) | Should -Be @('Path')
            @($csv.Parameters.Name) | Should -Contain 'Delimiter'
            @($csv.Parameters.Name) | Should -Contain 'Strict'
            @($csv.Parameters.Name) | Should -Contain 'Credential'
            @($csv.Parameters.Name) | Should -Not -Contain 'Name'
            $command.Parameters.Path.ParameterType | Should -Be ([string[]])
            (New-MgwAddress nas-home -Agent agent-a -Path /mnt/home/).Location | Should -Be 'agent-a:/mnt/home/'
        }
    }

    Context 'a CSV file of addresses' {
        It 'creates the good rows and tags each error of the bad row with addresses.csv and its line' {
            $out = New-MgwAddress -Path $AddressesCsv -Credential $Key -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -HaveCount 8
            @($out.Row) | Should -Be @(1..8)
            $out[0].PSObject.TypeNames[0] | Should -Be 'MgwTools.MgwAddress#Row'
            ($out | Where-Object Name -EQ 's3-logs').AccessKeyId | Should -Be 'AKIA*************PLE'
            ($out | Where-Object Name -EQ 'nas-src').Agents | Should -Be @('agent-hz-1', 'agent-hz-2')
            @($err.Exception.Error.Code) | Should -Be @('InvalidAddressName', 'MissingValue', 'InvalidBucketName', 'InvalidPrefix')
            Assert-ErrorRecord $err[0] 'InvalidAddressName' 'New-MgwAddress' 'InvalidArgument' "addresses.csv:10: Row 9: Address name 'Bad_Name' breaks the service's rule*" $err[0].TargetObject
            $err[0].Exception.Message | Should -BeLike 'addresses.csv:10: Row 9: *'
            @($err.Exception.Error.Line | Select-Object -Unique) | Should -Be @(10)
            @($err.Exception.Error.Row | Select-Object -Unique) | Should -Be @(9)
            $err[0].Exception.Error.File | Should -Be (Resolve-Path $AddressesCsv).ProviderPath
            $err[0].TargetObject.Name | Should -Be 'Bad_Name'
            $svc.GetAddresses() | Should -HaveCount 8
        }

        It 'with -SkipExisting returns the identical addresses and creates nothing twice' {
            $null = New-MgwAddress -Path $AddressesCsv -Credential $Key -ErrorAction SilentlyContinue
            $requests = $svc.Stats.Requests
            $again = New-MgwAddress -Path $AddressesCsv -Credential $Key -SkipExisting -ErrorVariable err -ErrorAction SilentlyContinue
            $again | Should -HaveCount 8
            @($again.Row) | Should -Be @(1..8)
            $svc.Stats.Requests - $requests | Should -Be 8   # one GetAddress per good row, no CreateAddress
            $svc.GetAddresses() | Should -HaveCount 8
            @($err.Exception.Error.Code) | Should -Be @('InvalidAddressName', 'MissingValue', 'InvalidBucketName', 'InvalidPrefix')
        }

        It 'creates a name used twice once, naming the first row and the line of the second (DuplicateAddressName)' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'twice.csv') @('oss-a,oss,photos,cn-beijing,r1', '', 'oss-a,oss,other,cn-beijing,r1')
            $out = New-MgwAddress -Path $csv -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -HaveCount 1
            Assert-ErrorRecord $err[0] 'DuplicateAddressName' 'New-MgwAddress' 'InvalidArgument' "twice.csv:4: Row 2: Address name 'oss-a' was already used by row 1 of this input*" $err[0].TargetObject
            $svc.GetAddresses() | Should -HaveCount 1
        }

        It 'reads a <Case> file' -TestCases @(
            @{ Case = 'semicolon, UTF-8 with BOM'; Delimiter = ';'; Encoding = 'utf8BOM'; Given = $null }
            @{ Case = 'tab, UTF-16'; Delimiter = "`t"; Encoding = 'unicode'; Given = $null }
            @{ Case = 'pipe, given with -Delimiter'; Delimiter = '|'; Encoding = 'utf8NoBOM'; Given = '|' }
        ) {
            $csv = New-AddressCsv (Join-Path $TestDrive 'kinds.csv') @('oss-one,oss,bucket-one,cn-beijing,r1', '', 'Bad_Name,oss,bucket-two,cn-beijing,r1', 'oss-three,oss,bucket-three,cn-hangzhou,r1') `
                -Delimiter $Delimiter -Encoding $Encoding
            $extra = if ($Given) { @{ Delimiter = [char]$Given } } else { @{} }
            $out = New-MgwAddress -Path $csv @extra -ErrorVariable err -ErrorAction SilentlyContinue -Verbose 4>&1
            $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $made = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            @($made.Name) | Should -Be @('oss-one', 'oss-three')
            @($made.Row) | Should -Be @(1, 3)
            $made[1].Detail.RegionId | Should -Be 'oss-cn-hangzhou'
            Assert-ErrorRecord $err[0] 'InvalidAddressName' 'New-MgwAddress' 'InvalidArgument' "kinds.csv:4: Row 2: Address name 'Bad_Name'*" $err[0].TargetObject
            $how = if ($Given) { 'given' } else { 'detected' }
            $verbose[0].Message | Should -BeLike "*kinds.csv: 3 row(s), *, delimiter * ($how*"
        }

        It 'reads Excel''s sep= line' {
            $path = Join-Path $TestDrive 'excel.csv'
            Set-Content -LiteralPath $path -Encoding utf8NoBOM -Value 'sep=;', 'Name;Type;Bucket;BucketRegion;Role', 'oss-x;oss;bucket-x;cn-beijing;r1'
            $out = New-MgwAddress -Path $path
            $out.Name | Should -Be 'oss-x'
            $out.Row | Should -Be 1
        }

        It 'skips an all-empty row with one note naming its line (EmptyRowsSkipped)' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'gaps.csv') @('oss-one,oss,bucket-one,cn-beijing,r1', ',,,,', 'oss-two,oss,bucket-two,cn-beijing,r1', ',,,,')
            $out = New-MgwAddress -Path $csv -WarningVariable warn -WarningAction SilentlyContinue
            @($out.Row) | Should -Be @(1, 2)
            @($warn.Message) | Should -Be @('gaps.csv:3: 2 row(s) with only empty cells skipped (line 3, 5). [EmptyRowsSkipped]')
        }

        It 'refuses a row whose value is cut in two by an unquoted delimiter (TooManyCells), for that row only' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'cut.csv') @('oss-cut,oss,bucket-cut,cn-beijing,r1,extra', 'oss-fine,oss,bucket-fine,cn-beijing,r1')
            $out = New-MgwAddress -Path $csv -ErrorVariable err -ErrorAction SilentlyContinue
            $out.Name | Should -Be 'oss-fine'
            $err | Should -HaveCount 1
            Assert-ErrorRecord $err[0] 'TooManyCells' 'New-MgwAddress' 'InvalidArgument' "cut.csv:2: Row 1: The row has 6 cells but the header names 5 columns, so a value is cut in two (cell 6 is 'extra')*" $err[0].TargetObject
        }

        It 'refuses a secret column without showing it (PlainTextSecret), naming the line' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'secret.csv') @("s3-a,s3,b1,s3.amazonaws.com,$KeySecret") -Header 'Name,Type,Bucket,Domain,AccessSecret'
            $null = New-MgwAddress -Path $csv -Credential $Key -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-ErrorRecord $err[0] 'PlainTextSecret' 'New-MgwAddress' 'InvalidArgument' 'secret.csv:2: Row 1: AccessSecret would carry a secret as plain text*' $err[0].TargetObject
            $err[0].TargetObject.AccessSecret | Should -Be '(hidden)'
            ($err | Format-List * -Force | Out-String) + ($err.TargetObject | Out-String) | Should -Not -Match $KeySecret
            $svc.Stats.Requests | Should -Be 0
        }
    }

    Context 'files that cannot be read' {
        It 'refuses a file that is not UTF-8, naming its line, before anything is sent (InvalidCsv)' {
            $path = Join-Path $TestDrive 'latin1.csv'
            [IO.File]::WriteAllBytes($path, [byte[]]([Text.Encoding]::ASCII.GetBytes("Name,Type,Bucket,BucketRegion,Role`noss-ok,oss,b-ok,cn-beijing,r1`noss-caf") +
                    [byte[]](0xE9) + [Text.Encoding]::ASCII.GetBytes(",oss,b-two,cn-beijing,r1`n")))
            $err = Get-SingleError { New-MgwAddress -Path $path }
            Assert-ErrorRecord $err 'InvalidCsv' 'New-MgwAddress' 'InvalidData' 'latin1.csv:3: Byte 0xE9 is not UTF-8 text, and the file has no byte-order mark that says otherwise.*' $path
            $err.Exception.Error.Line | Should -Be 3
            $svc.Stats.Requests | Should -Be 0
        }

        It 'stops with PathNotFound for a file that does not exist, a wildcard that matches none, and a folder' {
            $missing = Join-Path $TestDrive 'nope.csv'
            $err = Get-SingleError { New-MgwAddress -Path $missing }
            Assert-ErrorRecord $err 'PathNotFound' 'New-MgwAddress' 'ObjectNotFound' "-Path '*nope.csv' does not exist." $missing
            $err.Exception.Error.Field | Should -Be 'Path'
            $pattern = Join-Path $TestDrive 'none-*.csv'
            Assert-ErrorRecord (Get-SingleError { New-MgwAddress -Path $pattern }) 'PathNotFound' 'New-MgwAddress' 'ObjectNotFound' "-Path '*none-``*.csv' does not exist." $pattern
            Assert-ErrorRecord (Get-SingleError { New-MgwAddress -Path $TestDrive }) 'PathNotFound' 'New-MgwAddress' 'ObjectNotFound' "-Path '*' is a folder, not a CSV file." $TestDrive
            $svc.Stats.Requests | Should -Be 0
        }

        It 'reads every file a wildcard names, numbering the rows across them' {
            $null = New-AddressCsv (Join-Path $TestDrive 'part-a.csv') @('oss-pa,oss,bucket-pa,cn-beijing,r1')
            $null = New-AddressCsv (Join-Path $TestDrive 'part-b.csv') @('oss-pb,oss,bucket-pb,cn-beijing,r1', 'Bad_Name,oss,bucket-pc,cn-beijing,r1')
            $out = New-MgwAddress -Path (Join-Path $TestDrive 'part-*.csv') -ErrorVariable err -ErrorAction SilentlyContinue
            @($out.Row) | Should -Be @(1, 2)
            Assert-ErrorRecord $err[0] 'InvalidAddressName' 'New-MgwAddress' 'InvalidArgument' "part-b.csv:3: Row 3: Address name 'Bad_Name'*" $err[0].TargetObject
        }

        It 'refuses -Path with piped rows (PathWithPipelineInput)' {
            $err = Get-SingleError { [pscustomobject]@{ Name = 'oss-a' } | New-MgwAddress -Path $AddressesCsv }
            Assert-ErrorRecord $err 'PathWithPipelineInput' 'New-MgwAddress' 'InvalidArgument' 'Give the rows either with -Path or through the pipeline, not both. Import-Csv addresses.csv | New-MgwAddress reads them from the pipeline; New-MgwAddress -Path addresses.csv reads the file itself.' $null
            $svc.Stats.Requests | Should -Be 0
        }

        It 'stops at a file read with the wrong -Delimiter (WrongDelimiter), sending nothing' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'semi.csv') @('oss-s1,oss,bucket-s1,cn-beijing,r1') -Delimiter ';'
            $err = Get-SingleError { New-MgwAddress -Path $csv -Delimiter ',' }
            Assert-ErrorRecord $err 'WrongDelimiter' 'New-MgwAddress' 'InvalidData' "semi.csv:1: The input has a column named 'Name;Type;Bucket;BucketRegion;Role': address field names joined by ';'*Read it with -Delimiter ';', or leave -Delimiter out so the delimiter is detected." $err.TargetObject
            $svc.Stats.Requests | Should -Be 0
        }
    }

    Context 'columns that name no address field' {
        It 'warns once per column with the closest field, naming the header line, and creates the rows without the value' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'typo.csv') @('oss-t1,oss,bucket-t1,cn-beijing,r1,a/', 'oss-t2,oss,bucket-t2,cn-beijing,r1,b/') -Header 'Name,Type,Bucket,BucketRegion,Role,Prefx'
            $out = New-MgwAddress -Path $csv -WarningVariable warn -WarningAction SilentlyContinue
            @($out.Name) | Should -Be @('oss-t1', 'oss-t2')
            $out[0].Detail.Prefix | Should -BeNullOrEmpty
            @($warn.Message) | Should -Be @("typo.csv:1: Column 'Prefx' names no address field, so its values are ignored. Did you mean 'Prefix'? Rename the column, or remove it; -Strict makes this an error. [UnknownColumn]")
        }

        It 'with -Strict refuses every row that has the column and sends nothing' {
            $csv = New-AddressCsv (Join-Path $TestDrive 'typo.csv') @('oss-t1,oss,bucket-t1,cn-beijing,r1,a/', 'oss-t2,oss,bucket-t2,cn-beijing,r1,') -Header 'Name,Type,Bucket,BucketRegion,Role,Prefx'
            $out = New-MgwAddress -Path $csv -Strict -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 2
            Assert-ErrorRecord $err[0] 'UnknownColumn' 'New-MgwAddress' 'InvalidArgument' "typo.csv:2: Row 1: Column 'Prefx' names no address field. Did you mean 'Prefix'? -Strict refuses every row that has it: rename the column, or remove it." $err[0].TargetObject
            $err[1].Exception.Error.Line | Should -Be 3
            $err[1].Exception.Error.Severity | Should -Be 'Error'
            $warn | Should -BeNullOrEmpty
            $svc.Stats.Requests | Should -Be 0
        }

        It 'checks piped rows and hashtables too: a warning on the first row, an error on every row with -Strict' {
            $rows = @([pscustomobject]@{ Name = 'oss-p1'; Type = 'oss'; Bucket = 'bucket-p1'; BucketRegion = 'cn-beijing'; Role = 'r1'; BucketRegon = 'x' }) * 2
            $null = $rows | New-MgwAddress -WarningVariable warn -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
            @($warn.Message) | Should -Be @("Row 1: Column 'BucketRegon' names no address field, so its values are ignored. Did you mean 'BucketRegion'? Rename the column, or remove it; -Strict makes this an error. [UnknownColumn]")
            $null = $rows | New-MgwAddress -Strict -ErrorVariable err -ErrorAction SilentlyContinue
            @($err.Exception.Error.Code) | Should -Be @('UnknownColumn', 'UnknownColumn')
            @($err.Exception.Error.Row) | Should -Be @(1, 2)
            Assert-ErrorRecord $err[1] 'UnknownColumn' 'New-MgwAddress' 'InvalidArgument' "Row 2: Column 'BucketRegon' names no address field. Did you mean 'BucketRegion'?*" $rows[1]
            $null = @{ Name = 'oss-h1'; Type = 'oss'; Bucket = 'bucket-h1'; BucketRegion = 'cn-beijing'; Role = 'r1'; Prefx = 'a/' } | New-MgwAddress -WarningVariable warn2 -WarningAction SilentlyContinue
            "$warn2" | Should -BeLike "Row 1: Column 'Prefx' names no address field*Did you mean 'Prefix'?*"
        }

        It 'takes the columns Get-MgwAddress | Export-Csv writes as expected, even with -Strict; the secret names are PlainTextSecret, not unknown' {
            $null = New-MgwAddress oss-exported -Bucket photos -BucketRegion cn-beijing -Role r1
            $csv = Join-Path $TestDrive 'exported.csv'
            Get-MgwAddress oss-exported | Export-Csv -LiteralPath $csv
            (Get-Content -LiteralPath $csv -TotalCount 1) | Should -BeLike '"Name","Detail","AddressType","Kind","Location",*'
            # The export reads back as the same definition (the elements are in its Detail column): -SkipExisting returns the address.
            $back = New-MgwAddress -Path $csv -Strict -SkipExisting -WarningVariable warn -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -BeNullOrEmpty
            $warn | Should -BeNullOrEmpty
            $back.Name | Should -Be 'oss-exported'
            $secret = [pscustomobject]@{ Name = 's3-a'; Type = 's3'; Bucket = 'b1'; Domain = 's3.amazonaws.com'; InvAccessSecret = 'x' }
            $null = $secret | New-MgwAddress -Credential $Key -Strict -ErrorVariable err -ErrorAction SilentlyContinue
            @($err.Exception.Error.Code) | Should -Be @('PlainTextSecret')
        }
    }
}

Describe 'Copying addresses: Get-MgwAddress | Export-Csv, then New-MgwAddress' {
    BeforeAll {
        Stop-AllEmulators
        $script:Source = Start-MgwEmulator -PassThru
        $null = New-MgwAddress oss-copy -Bucket photos -BucketRegion cn-beijing -Role r1 -Prefix 'raw;2026=a\b/' -Tag @{ team = 'web' }
        $null = New-MgwAddress nas-copy -Agent agent-a, agent-b -Path /mnt/share/
        $null = New-MgwAddress s3-copy -Type S3 -Bucket logs -Domain s3.us-east-1.amazonaws.com -Prefix 2026/ -Credential $Key
        $null = New-MgwAddress inv-copy -InventoryBucket manifests -InventoryPath inv/manifest.json -InventoryRegion cn-shanghai -InventoryRole r2 -InventoryLocation oss
        $script:Originals = @(Get-MgwAddress)
        $script:Csv = Join-Path $TestDrive 'addresses-copy.csv'
        $Originals | Export-Csv -LiteralPath $Csv
    }
    AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'writes each address''s elements as Element=value text in the Detail column, agents as a1,a2, and no AccessKey ID' {
        $rows = @(Import-Csv -LiteralPath $Csv)
        ($rows | Where-Object Name -EQ 'oss-copy').Detail | Should -Be 'AddressType=oss;Bucket=photos;Prefix=raw\;2026\=a\\b/;RegionId=oss-cn-beijing;Role=r1'
        ($rows | Where-Object Name -EQ 'nas-copy').Agents | Should -Be 'agent-a,agent-b'
        ($rows | Where-Object Name -EQ 's3-copy').Detail | Should -Be 'AddressType=s3;Bucket=logs;Domain=s3.us-east-1.amazonaws.com;Prefix=2026/'
        (Get-Content -LiteralPath $Csv -Raw) | Should -Not -Match 'AKIAIOSFODNN7EXAMPLE'
    }

    It 'recreates identical addresses on another service (the AccessKey pair given again as -Credential)' {
        $null = Start-MgwEmulator -PassThru
        (Get-MgwContext).Endpoint | Should -Not -Be $Source.Endpoint
        $copied = @(Import-Csv -LiteralPath $Csv | New-MgwAddress -Credential $Key -Strict -ErrorVariable err -WarningVariable warn)
        $err | Should -BeNullOrEmpty
        $warn | Should -BeNullOrEmpty
        $copied | Should -HaveCount 4
        foreach ($original in $Originals) {
            $copy = Get-MgwAddress $original.Name
            $copy.Detail.ToString() | Should -Be $original.Detail.ToString()
            $copy.Tags | Should -Be $original.Tags
        }
        (Get-MgwAddress s3-copy).AccessKeyId | Should -Be (@($Originals | Where-Object Name -EQ 's3-copy')[0].AccessKeyId)
    }

    It 'takes the objects themselves too: piped on with -SkipExisting they are the addresses that exist' {
        $existing = @($Originals | New-MgwAddress -SkipExisting -Credential $Key -ErrorVariable err)
        $err | Should -BeNullOrEmpty
        @($existing.Name | Sort-Object) | Should -Be @($Originals.Name | Sort-Object)
    }

    It 'reports a conflict when the Detail read back differs from the address of that name' {
        $row = [pscustomobject]@{ Name = 'oss-copy'; Detail = 'AddressType=oss;Bucket=other;RegionId=oss-cn-beijing;Role=r1' }
        $null = $row | New-MgwAddress -SkipExisting -ErrorVariable err -ErrorAction SilentlyContinue
        @($err.Exception.Error.Code) | Should -Be @('ImportAddressSpecConflict')
        "$($err[0].Exception.Message)" | Should -BeLike '*Bucket*'
    }

    It 'reads a Detail hashtable of element names, as -Detail takes them' {
        $row = [pscustomobject]@{ Name = 'oss-table'; Detail = @{ AddressType = 'oss'; Bucket = 'tables'; RegionId = 'oss-cn-beijing'; Role = 'r1' } }
        ($row | New-MgwAddress).Location | Should -Be 'tables (oss-cn-beijing)'
    }

    It 'refuses a Detail that is not Element=value text, naming the row and the reason (InvalidValue)' {
        $rows = @(
            [pscustomobject]@{ Name = 'oss-bad-detail'; Detail = 'AddressType=oss;Bucket' }
            [pscustomobject]@{ Name = 'oss-bad-key'; Detail = 'AddressType=oss;Buckett=x' }
        )
        $null = $rows | New-MgwAddress -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-ErrorRecord $err[0] 'InvalidValue' 'New-MgwAddress' 'InvalidArgument' "Row 1: Detail 'AddressType=oss;Bucket' is not the Element=value;* text Get-MgwAddress | Export-Csv writes ('Bucket' has no '=value');*" $rows[0]
        $err[0].Exception.Error.Field | Should -Be 'Detail'
        @($err.Exception.Error.Code) | Should -Contain 'UnknownDetailField'
        Get-MgwAddress oss-bad-* -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

