<#
.SYNOPSIS
  Build the Windows bundle and installer for Trygg Desktop:
  PyInstaller onedir bundle -> self-test without Python on PATH -> (optional) Authenticode
  signing -> Inno Setup installer.

.DESCRIPTION
  Run from any folder on a 64-bit Windows 10/11 build machine with:
    * Python 3.11 or later, 64-bit (python.org installer; "py" launcher or -Python path)
    * Inno Setup 6.4 or later (ISCC.exe; installs per user or per machine)
    * optional, for signing: signtool.exe from the Windows SDK and a code-signing certificate

  Output (in dist\):
    TryggDesktop\                              the onedir bundle (TryggDesktop.exe, trygg-desktop-cli.exe)
    TryggDesktop-<version>-windows-x64.zip     the same as a portable zip
    TryggDesktop-<version>-setup.exe           the installer (per user by default, no admin rights)

  Signing (Authenticode) is OFF unless -Sign is given. Fill in the placeholders below or set
  the environment variables; never commit a certificate or its password.
    TRYGG_SIGN_CERT       path to the .pfx file                      (placeholder: <CERT.pfx>)
    TRYGG_SIGN_PASSWORD   its password                                (placeholder: <PASSWORD>)
    TRYGG_SIGN_THUMBPRINT alternatively: SHA-1 thumbprint of a certificate in the user's store
                          or on a hardware token (then TRYGG_SIGN_CERT is not used)
    TRYGG_TIMESTAMP_URL   RFC 3161 time-stamp server of your CA       (placeholder: <TIMESTAMP-URL>)

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 -Sign
#>
param(
  [string]$Python = "py",
  [string[]]$PythonArgs = @("-3.11"),
  [switch]$Sign,
  [switch]$SkipInstaller,
  [string]$Iscc = ""
)

$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
  & $Exe @Arguments
  if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Version = (Select-String -Path "trygg_desktop\__init__.py" -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value
$Dist = Join-Path $Root "dist"
$Bundle = Join-Path $Dist "TryggDesktop"
Write-Host "== Trygg Desktop $Version =="

# 1. A clean build venv with the pinned versions (constraints.txt), not editable.
$Venv = Join-Path $Root "build\venv-installer"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
Invoke-Checked $Python ($PythonArgs + @("-m", "venv", $Venv))
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "-c", "constraints.txt", ".[build]")

# 2. The onedir bundle.
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                     "--distpath", $Dist, "--workpath", (Join-Path $Root "build\pyinstaller"),
                     "installer\trygg-desktop.spec")

# 3. Self-test from the bundle with only Windows itself on PATH (no Python anywhere).
$SavedPath = $env:PATH
$SavedVenv = $env:VIRTUAL_ENV
try {
  $env:PATH = "$env:SystemRoot\System32;$env:SystemRoot"
  $env:VIRTUAL_ENV = $null
  if (Get-Command python -ErrorAction SilentlyContinue) { throw "python is still on PATH" }
  $Watch = [System.Diagnostics.Stopwatch]::StartNew()
  & (Join-Path $Bundle "trygg-desktop-cli.exe") --self-test
  $SelfTest = $LASTEXITCODE
  $Watch.Stop()
} finally {
  $env:PATH = $SavedPath
  $env:VIRTUAL_ENV = $SavedVenv
}
if ($SelfTest -ne 0) { throw "the bundle's self-test failed (exit $SelfTest)" }

# 4. Authenticode: sign our two programs inside the bundle (placeholders; see the header).
$SignArgs = @()
if ($Sign) {
  $Timestamp = if ($env:TRYGG_TIMESTAMP_URL) { $env:TRYGG_TIMESTAMP_URL } else { "<TIMESTAMP-URL>" }
  if ($env:TRYGG_SIGN_THUMBPRINT) {
    $SignArgs = @("sign", "/fd", "sha256", "/tr", $Timestamp, "/td", "sha256", "/sha1", $env:TRYGG_SIGN_THUMBPRINT)
  } else {
    $Cert = if ($env:TRYGG_SIGN_CERT) { $env:TRYGG_SIGN_CERT } else { "<CERT.pfx>" }
    $Password = if ($env:TRYGG_SIGN_PASSWORD) { $env:TRYGG_SIGN_PASSWORD } else { "<PASSWORD>" }
    $SignArgs = @("sign", "/fd", "sha256", "/tr", $Timestamp, "/td", "sha256", "/f", $Cert, "/p", $Password)
  }
  foreach ($Exe in @("TryggDesktop.exe", "trygg-desktop-cli.exe")) {
    Invoke-Checked "signtool.exe" ($SignArgs + @((Join-Path $Bundle $Exe)))
    Invoke-Checked "signtool.exe" @("verify", "/pa", (Join-Path $Bundle $Exe))
  }
}

# 5. Portable zip (for IT tools that deploy folders rather than installers).
$Zip = Join-Path $Dist "TryggDesktop-$Version-windows-x64.zip"
if (Test-Path $Zip) { Remove-Item -Force $Zip }
Compress-Archive -Path $Bundle -DestinationPath $Zip

# 6. The installer (Inno Setup). With -Sign, ISCC signs Setup and the uninstaller itself.
if (-not $SkipInstaller) {
  if (-not $Iscc) {
    $Candidates = @((Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
                    (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
                    (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"))
    $Iscc = ($Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1)
    if (-not $Iscc) { $Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source }
    if (-not $Iscc) { throw "ISCC.exe (Inno Setup 6.4+) not found; pass -Iscc PATH or use -SkipInstaller" }
  }
  $IsccArgs = @("/DAppVersion=$Version")
  if ($Sign) {
    # $f is Inno's placeholder for the file to sign; $q a quote.
    $SignCommand = "signtool.exe " + (($SignArgs | ForEach-Object { "`$q$_`$q" }) -join " ") + " `$f"
    $IsccArgs += @("/DSignToolName=trygg", "/Strygg=$SignCommand")
  }
  Invoke-Checked $Iscc ($IsccArgs + @("installer\trygg-desktop.iss"))
}

# 7. Figures for the release note.
$Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle:    {0} ({1:N0} MB)" -f $Bundle, $Size)
Write-Host ("zip:       {0} ({1:N0} MB)" -f $Zip, ((Get-Item $Zip).Length / 1MB))
if (-not $SkipInstaller) {
  $Setup = Join-Path $Dist "TryggDesktop-$Version-setup.exe"
  Write-Host ("installer: {0} ({1:N0} MB)" -f $Setup, ((Get-Item $Setup).Length / 1MB))
}
Write-Host ("self-test: {0:N1} s wall clock" -f $Watch.Elapsed.TotalSeconds)
