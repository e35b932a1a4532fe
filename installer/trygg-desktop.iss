; Trygg Desktop – Inno Setup script (Inno Setup 6.4 or later; checked against the 6.x help).
;
; Input:  dist\TryggDesktop\  (the PyInstaller onedir bundle; installer\build-windows.ps1 builds it)
; Output: dist\TryggDesktop-<version>-setup.exe
;
; Compile (build-windows.ps1 does this):
;   iscc /DAppVersion=0.1.0 installer\trygg-desktop.iss
; Compile and sign (Authenticode; placeholders, see installer\README.md "Code signing"):
;   iscc /DAppVersion=0.1.0 /DSignToolName=trygg "/Strygg=signtool.exe sign /fd sha256 /tr <TIMESTAMP-URL> /td sha256 /f <CERT.pfx> /p <PASSWORD> $f" installer\trygg-desktop.iss
;
; Install modes ([Setup] PrivilegesRequired=lowest + PrivilegesRequiredOverridesAllowed=dialog):
;   default         per user, no administrator rights: %LOCALAPPDATA%\Programs\Trygg Desktop
;   "all users"     chosen in the first dialog, or /ALLUSERS on the command line (asks for elevation):
;                   C:\Program Files\Trygg Desktop
;   silent (IT)     TryggDesktop-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS|/CURRENTUSER]
;
; Uninstall never touches the databases users created (they live where the user chose, by default
; Documents\trygg.db + trygg.db.keys). It asks whether to delete the program's own per-user folder
; (settings.ini, logs, the demo database, the failed-login counter) and keeps it unless the answer is
; Yes; a silent uninstall keeps it unless /DELETEUSERDATA is given.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\TryggDesktop"
#endif
#define AppName "Trygg Desktop"
#define AppExe "TryggDesktop.exe"
; platformdirs.user_data_dir("TryggDesktop", "Trygg") on Windows (see trygg_desktop/paths.py).
#define UserDataDir "{localappdata}\Trygg\TryggDesktop"

; Swedish.isl ships with Inno Setup from 6.4 on (Files\Languages\Swedish.isl; earlier versions had it
; under Languages\Unofficial, which the installer does not install). Fail early with a clear message.
#ifnexist AddBackslash(CompilerPath) + "Languages\Swedish.isl"
  #error Inno Setup 6.4 or later is required (compiler:Languages\Swedish.isl is missing)
#endif

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{B02BD7CE-829F-4125-AEB1-1D6EEE57B793}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Trygg Desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; 64-bit only (PySide6 wheels are x64); x64compatible also allows Arm64 Windows 11 (emulation).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 (build 17763) is Qt 6's oldest supported Windows 10.
MinVersion=10.0.17763
SetupIconFile=..\resources\icons\trygg.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename=TryggDesktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; Close a running Trygg Desktop before replacing its files.
CloseApplications=yes
RestartApplications=no
#ifdef SignToolName
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
sv.DeleteUserData=Vill du även ta bort Trygg Desktops inställningar, loggar och demodatabas i%n%n%1?%n%nDina egna databaser (.db och .keys, där du sparade dem) tas aldrig bort av avinstallationen.
en.DeleteUserData=Also delete Trygg Desktop's settings, logs and demo database in%n%n%1?%n%nYour own databases (.db and .keys, wherever you saved them) are never deleted by the uninstaller.
sv.CliShortcut=Trygg Desktop självtest
en.CliShortcut=Trygg Desktop self-test

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no stale libraries from an older version may stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The self-test shortcut keeps a console open (cmd /k) so the summary stays readable; the outer
; quotes survive cmd's quote stripping for any install path.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{cm:CliShortcut}"; Filename: "{cmd}"; Parameters: "/k """"{app}\trygg-desktop-cli.exe"" --self-test"""; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: dirifempty; Name: "{app}"

[Code]
function HasParam(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
    begin
      Result := True;
      Exit;
    end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    { The uninstalling user's folder only: in an all-users install other users' folders stay. }
    DataDir := ExpandConstant('{#UserDataDir}');
    if DirExists(DataDir) then
    begin
      { Default answer No: a silent uninstall (/SUPPRESSMSGBOXES) keeps the data. }
      if HasParam('/DELETEUSERDATA') or
         (SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteUserData'), [DataDir]),
                             mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES) then
      begin
        DelTree(DataDir, True, True, True);
        RemoveDir(ExpandConstant('{localappdata}\Trygg'));
      end;
    end;
  end;
end;
