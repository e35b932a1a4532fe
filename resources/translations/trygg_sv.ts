<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv_SE">
<context>
    <name>App</name>
    <message>
        <source>Already open</source>
        <translation>Redan öppen</translation>
    </message>
    <message>
        <source>The database is already open in another Trygg Desktop window on this computer. Close that one first.</source>
        <translation>Databasen är redan öppen i ett annat Trygg Desktop-fönster på den här datorn. Stäng det först.</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>Log</source>
        <translation>Logg</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close message</source>
        <translation>Stäng meddelandet</translation>
    </message>
</context>
<context>
    <name>CaseViewPage</name>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Cases</source>
        <translation>Ärenden</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Oväntat fel</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing you saved earlier is lost.
Copy the details below and send them to IT.</source>
        <translation>Något gick fel. Inget du sparat tidigare har gått förlorat.
Kopiera uppgifterna nedan och skicka dem till IT.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Felinformation</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Kopiera uppgifterna</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Fel användarnamn eller lösenord.</translation>
    </message>
    <message>
        <source>The recovery code is not right.</source>
        <translation>Återställningskoden stämmer inte.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>För många misslyckade försök. Försök igen om %n sekunder.</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>Du har inte behörighet att göra det.</translation>
    </message>
    <message>
        <source>Your role does not allow that.</source>
        <translation>Din roll tillåter inte det.</translation>
    </message>
    <message>
        <source>You are not connected to this case.</source>
        <translation>Du är inte kopplad till det här ärendet.</translation>
    </message>
    <message>
        <source>There is no valid consent that covers your agency for this case.</source>
        <translation>Det finns inget giltigt samtycke som omfattar din myndighet i det här ärendet.</translation>
    </message>
    <message>
        <source>This information is restricted.</source>
        <translation>Uppgifterna är skyddade.</translation>
    </message>
    <message>
        <source>You are not a member of that unit.</source>
        <translation>Du tillhör inte den enheten.</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore the newest backup or contact IT.</source>
        <translation>Databasfilen är skadad. Återställ den senaste säkerhetskopian eller kontakta IT.</translation>
    </message>
    <message>
        <source>The key file does not open this database.</source>
        <translation>Nyckelfilen öppnar inte den här databasen.</translation>
    </message>
    <message>
        <source>The database is open in another window or program.</source>
        <translation>Databasen är öppen i ett annat fönster eller program.</translation>
    </message>
    <message>
        <source>There is no database at that path.</source>
        <translation>Det finns ingen databas på den sökvägen.</translation>
    </message>
    <message>
        <source>A database already exists at that path.</source>
        <translation>Det finns redan en databas på den sökvägen.</translation>
    </message>
    <message>
        <source>The key file beside the database is missing.</source>
        <translation>Nyckelfilen bredvid databasen saknas.</translation>
    </message>
    <message>
        <source>The key file is damaged.</source>
        <translation>Nyckelfilen är skadad.</translation>
    </message>
    <message>
        <source>The key file does not open this database (wrong key file, or a damaged database).</source>
        <translation>Nyckelfilen öppnar inte den här databasen (fel nyckelfil eller en skadad databas).</translation>
    </message>
    <message>
        <source>The key file has been weakened and is refused.</source>
        <translation>Nyckelfilen har försvagats och vägras.</translation>
    </message>
    <message>
        <source>That step needs a valid consent.</source>
        <translation>Det steget kräver ett giltigt samtycke.</translation>
    </message>
    <message>
        <source>Give a reason for that step.</source>
        <translation>Ange ett skäl för det steget.</translation>
    </message>
    <message>
        <source>Choose a closure reason.</source>
        <translation>Välj ett avslutsskäl.</translation>
    </message>
    <message>
        <source>Hold the meeting and save the plan first.</source>
        <translation>Håll mötet och spara planen först.</translation>
    </message>
    <message>
        <source>That status change is not allowed now.</source>
        <translation>Den statusändringen är inte tillåten nu.</translation>
    </message>
    <message>
        <source>The case is closed for good.</source>
        <translation>Ärendet är slutligt avslutat.</translation>
    </message>
    <message>
        <source>The password must have at least 10 characters.</source>
        <translation>Lösenordet måste ha minst 10 tecken.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>Lösenorden stämmer inte överens.</translation>
    </message>
    <message>
        <source>A user name is 2–64 letters, digits or . _ - @.</source>
        <translation>Ett användarnamn består av 2–64 bokstäver, siffror eller . _ - @.</translation>
    </message>
    <message>
        <source>That user name is taken.</source>
        <translation>Användarnamnet är upptaget.</translation>
    </message>
    <message>
        <source>Enter a personnummer.</source>
        <translation>Ange ett personnummer.</translation>
    </message>
    <message>
        <source>Write the personnummer as ÅÅÅÅMMDD-NNNN.</source>
        <translation>Skriv personnumret som ÅÅÅÅMMDD-NNNN.</translation>
    </message>
    <message>
        <source>The century must be 18, 19 or 20.</source>
        <translation>Århundradet måste vara 18, 19 eller 20.</translation>
    </message>
    <message>
        <source>The personnummer does not contain a real date.</source>
        <translation>Personnumret innehåller inget giltigt datum.</translation>
    </message>
    <message>
        <source>The birth number 000 does not exist.</source>
        <translation>Födelsenumret 000 finns inte.</translation>
    </message>
    <message>
        <source>The check digit is wrong – check for a typo.</source>
        <translation>Kontrollsiffran stämmer inte – kontrollera om något är felskrivet.</translation>
    </message>
    <message>
        <source>A samordningsnummer is not allowed here.</source>
        <translation>Samordningsnummer är inte tillåtet här.</translation>
    </message>
    <message>
        <source>The birth date is in the future.</source>
        <translation>Födelsedatumet ligger i framtiden.</translation>
    </message>
    <message>
        <source>A person with that personnummer is already registered.</source>
        <translation>En person med det personnumret finns redan registrerad.</translation>
    </message>
    <message>
        <source>First and last name are required.</source>
        <translation>För- och efternamn måste anges.</translation>
    </message>
    <message>
        <source>Give a personnummer or a reserve id.</source>
        <translation>Ange personnummer eller reservnummer.</translation>
    </message>
    <message>
        <source>The protocol is approved; add a correction instead.</source>
        <translation>Protokollet är justerat; lägg till en rättelse i stället.</translation>
    </message>
    <message>
        <source>A meeting about a named person needs a valid consent.</source>
        <translation>Ett möte om en namngiven person kräver ett giltigt samtycke.</translation>
    </message>
    <message>
        <source>That agency is not covered by the consent.</source>
        <translation>Den myndigheten omfattas inte av samtycket.</translation>
    </message>
    <message>
        <source>An anonymised protocol cannot contain a personnummer.</source>
        <translation>Ett avidentifierat protokoll får inte innehålla personnummer.</translation>
    </message>
    <message>
        <source>The entry is empty.</source>
        <translation>Anteckningen är tom.</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>Datumet ligger i framtiden.</translation>
    </message>
    <message>
        <source>The input was not accepted (%1).</source>
        <translation>Uppgifterna godtogs inte (%1).</translation>
    </message>
    <message>
        <source>Something went wrong. The details can be copied for IT.</source>
        <translation>Något gick fel. Detaljerna kan kopieras till IT.</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Inte möjligt</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Trygg Desktop</source>
        <translation>Trygg Desktop</translation>
    </message>
    <message>
        <source>Open an existing database…</source>
        <translation>Öppna en befintlig databas…</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Öppna databas</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Databaser (*.db)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Trygg Desktop</source>
        <translation>Trygg Desktop</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigering</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Ärenden</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Logg</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Your role has no pages in the desktop application yet.</source>
        <translation>Din roll har inga sidor i skrivbordsprogrammet ännu.</translation>
    </message>
    <message>
        <source>Logged in: %1 (%2) – %3</source>
        <translation>Inloggad: %1 (%2) – %3</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Lås (Ctrl+L)</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
</context>
<context>
    <name>PersonsPage</name>
    <message>
        <source>Persons</source>
        <translation>Personer</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Trygg Desktop – unlock</source>
        <translation>Trygg Desktop – lås upp</translation>
    </message>
    <message>
        <source>Unlock the database</source>
        <translation>Lås upp databasen</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <source>Demo database – every account has the password %1</source>
        <translation>Demodatabas – alla konton har lösenordet %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Demo accounts</source>
        <translation>Demokonton</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Ange användarnamn och lösenord.</translation>
    </message>
    <message>
        <source>Nothing has been changed. Contact IT; the newest backup can be restored.</source>
        <translation>Ingenting har ändrats. Kontakta IT; den senaste säkerhetskopian kan återställas.</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>Databasen kunde inte öppnas.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. You can try again in %n second(s).</source>
        <translation>
            <numerusform>För många misslyckade försök. Du kan försöka igen om %n sekund.</numerusform><numerusform>För många misslyckade försök. Du kan försöka igen om %n sekunder.</numerusform></translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>Användare</translation>
    </message>
</context>
</TS>