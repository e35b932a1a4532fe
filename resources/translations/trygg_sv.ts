<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv_SE">
<context>
    <name />
    <message>
        <source>The backup file is damaged or has been altered (%1). Try another backup.</source>
        <translation>Säkerhetskopiefilen är skadad eller har ändrats (%1). Prova en annan säkerhetskopia.</translation>
    </message>
    <message>
        <source>The database is on a network drive or shared folder, and Trygg Desktop does not open databases there. The database file relies on file locking that network file systems (SMB, NFS) do not provide reliably: two computers could write at the same time and damage the file without anyone noticing. Copy the database and its key file to this computer's own disk (for example Documents) and open it from there. To work on the same cases from several computers, use a Trygg server instead (set up by IT; the app connects with --server and the server's address).</source>
        <translation>Databasen ligger på en nätverksenhet eller i en delad mapp, och där öppnar Trygg Desktop inte databaser. Databasfilen är beroende av fillåsning som nätverksfilsystem (SMB, NFS) inte tillhandahåller på ett tillförlitligt sätt: två datorer kan skriva samtidigt och skada filen utan att någon märker det. Kopiera databasen och dess nyckelfil till den här datorns egen disk (till exempel Dokument) och öppna den därifrån. För att arbeta med samma ärenden från flera datorer används i stället en Trygg-server (som IT sätter upp; programmet ansluter med --server och serverns adress).</translation>
    </message>
    <message>
        <source>The key file beside the database is missing, so the database cannot be opened.</source>
        <translation>Nyckelfilen bredvid databasen saknas, så databasen kan inte öppnas.</translation>
    </message>
    <message>
        <source>The key file is damaged or has been altered, so the database cannot be opened.</source>
        <translation>Nyckelfilen är skadad eller har ändrats, så databasen kan inte öppnas.</translation>
    </message>
    <message>
        <source>The database file is damaged and is not opened: every read must be logged, and a damaged file cannot be trusted to keep the log.</source>
        <translation>Databasfilen är skadad och öppnas inte: varje läsning måste loggas, och man kan inte lita på att en skadad fil bevarar loggen.</translation>
    </message>
    <message>
        <source>Nothing has been changed on disk.</source>
        <translation>Ingenting har ändrats på disken.</translation>
    </message>
    <message>
        <source>The newest backup is from %1:
%2</source>
        <translation>Den senaste säkerhetskopian är från %1:
%2</translation>
    </message>
    <message>
        <source>Choose “Restore from backup…”: it restores to a NEW file and leaves the damaged one for IT. Work done after the backup has to be entered again.</source>
        <translation>Välj ”Återställ från säkerhetskopia…”: den återställer till en NY fil och lämnar den skadade kvar åt IT. Arbete som gjorts efter säkerhetskopian måste registreras igen.</translation>
    </message>
    <message>
        <source>No backup was found in %1. If you have a backup elsewhere, choose “Restore from backup…” and pick it; otherwise contact IT.</source>
        <translation>Ingen säkerhetskopia hittades i %1. Om du har en säkerhetskopia någon annanstans väljer du ”Återställ från säkerhetskopia…” och pekar ut den; annars kontaktar du IT.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Add action</source>
        <translation>Lägg till åtgärd</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beskrivning:</translation>
    </message>
    <message>
        <source>&amp;Goal:</source>
        <translation>&amp;Mål:</translation>
    </message>
    <message>
        <source>– no goal –</source>
        <translation>– inget mål –</translation>
    </message>
    <message>
        <source>Action &amp;type:</source>
        <translation>Åtgärds&amp;typ:</translation>
    </message>
    <message>
        <source>– none –</source>
        <translation>– ingen –</translation>
    </message>
    <message>
        <source>Any agency</source>
        <translation>Valfri myndighet</translation>
    </message>
    <message>
        <source>&amp;Measure type:</source>
        <translation>&amp;Insatstyp:</translation>
    </message>
    <message>
        <source>&amp;Support area:</source>
        <translation>Insats&amp;område:</translation>
    </message>
    <message>
        <source>Responsible a&amp;gency:</source>
        <translation>Ansvarig myn&amp;dighet:</translation>
    </message>
    <message>
        <source>Responsible &amp;person:</source>
        <translation>Ansvarig &amp;person:</translation>
    </message>
    <message>
        <source>D&amp;one by:</source>
        <translation>Klart &amp;senast:</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Ange</translation>
    </message>
    <message>
        <source>&amp;Follow up on:</source>
        <translation>&amp;Följs upp den:</translation>
    </message>
    <message>
        <source>Information &amp;category:</source>
        <translation>Informations&amp;kategori:</translation>
    </message>
    <message>
        <source>Describe the action.</source>
        <translation>Beskriv åtgärden.</translation>
    </message>
</context>
<context>
    <name>ActionStatusDialog</name>
    <message>
        <source>Change action status</source>
        <translation>Ändra åtgärdens status</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Åtgärd:</translation>
    </message>
    <message>
        <source>Current status:</source>
        <translation>Nuvarande status:</translation>
    </message>
    <message>
        <source>&amp;New status:</source>
        <translation>&amp;Ny status:</translation>
    </message>
    <message>
        <source>&amp;Why not done:</source>
        <translation>&amp;Varför inte genomförd:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Resultat:</translation>
    </message>
    <message>
        <source>The action is finished; its status cannot change.</source>
        <translation>Åtgärden är avslutad; dess status kan inte ändras.</translation>
    </message>
    <message>
        <source>Say why the action was not done.</source>
        <translation>Ange varför åtgärden inte genomfördes.</translation>
    </message>
    <message>
        <source>The action's status is now: %1.</source>
        <translation>Åtgärdens status är nu: %1.</translation>
    </message>
</context>
<context>
    <name>AddUnitDialog</name>
    <message>
        <source>Add unit</source>
        <translation>Lägg till enhet</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>Enhetens namn</translation>
    </message>
    <message>
        <source>e.g. SSPF Tureberg</source>
        <translation>t.ex. SSPF Tureberg</translation>
    </message>
    <message>
        <source>A&amp;gency:</source>
        <translation>&amp;Myndighet:</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>(no case kind)</source>
        <translation>(ingen ärendetyp)</translation>
    </message>
    <message>
        <source>&amp;Case kind:</source>
        <translation>Ärende&amp;typ:</translation>
    </message>
    <message>
        <source>Case kind</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>Omr&amp;åde:</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Enter a name for the unit.</source>
        <translation>Ange ett namn på enheten.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Lägg till användare</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>e.g. anna.svensson</source>
        <translation>t.ex. anna.svensson</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Visningsnamn</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>A&amp;gency:</source>
        <translation>&amp;Myndighet:</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>&amp;Roles:</source>
        <translation>&amp;Roller:</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roller</translation>
    </message>
    <message>
        <source>U&amp;nits:</source>
        <translation>&amp;Enheter:</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>Re&amp;peat password:</source>
        <translation>&amp;Upprepa lösenord:</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Ange ett användarnamn.</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>Välj minst en roll.</translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Heading</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Visibility</source>
        <translation>Synlighet</translation>
    </message>
    <message>
        <source>Seen only by the agency that wrote it</source>
        <translation>Syns bara för den myndighet som skrev den</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Dagordning</translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation>&amp;Ny paragraf</translation>
    </message>
    <message>
        <source>Item number</source>
        <translation>Paragrafnummer</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Factual; keep facts and assessments apart and name the source: "The school reports …"</source>
        <translation>Sakligt; håll isär fakta och bedömningar och ange källan: ”Skolan uppger …”</translation>
    </message>
    <message>
        <source>&amp;Internal to my agency (not shared with the others)</source>
        <translation>&amp;Myndighetsintern (delas inte med de andra myndigheterna)</translation>
    </message>
    <message>
        <source>Internal item</source>
        <translation>Myndighetsintern paragraf</translation>
    </message>
    <message>
        <source>This looks like a personnummer. A group-level protocol must not identify anyone – remove it before saving.</source>
        <translation>Det här ser ut som ett personnummer. Ett protokoll på gruppnivå får inte identifiera någon – ta bort det innan du sparar.</translation>
    </message>
    <message>
        <source>&amp;Save item (Ctrl+S)</source>
        <translation>&amp;Spara paragraf (Ctrl+S)</translation>
    </message>
    <message>
        <source>N&amp;umber:</source>
        <translation>Numm&amp;er:</translation>
    </message>
    <message>
        <source>&amp;Heading:</source>
        <translation>Ru&amp;brik:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>&amp;Anteckning:</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>Bes&amp;lut:</translation>
    </message>
    <message>
        <source>Information &amp;category:</source>
        <translation>Informations&amp;kategori:</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) of other agencies are not shown.</source>
        <translation>
            <numerusform>%n paragraf från andra myndigheter visas inte.</numerusform>
            <numerusform>%n paragrafer från andra myndigheter visas inte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>Save the changes to the current item first?</source>
        <translation>Vill du spara ändringarna i den aktuella paragrafen först?</translation>
    </message>
    <message>
        <source>Give the item a heading.</source>
        <translation>Ge paragrafen en rubrik.</translation>
    </message>
    <message>
        <source>The text looks like it contains a personnummer. A group-level protocol must not identify anyone.</source>
        <translation>Texten ser ut att innehålla ett personnummer. Ett protokoll på gruppnivå får inte identifiera någon.</translation>
    </message>
    <message>
        <source>§ %1 already exists; choose another number.</source>
        <translation>§ %1 finns redan; välj ett annat nummer.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>You have unsaved changes. Lock anyway? They will be lost.</source>
        <translation>Du har osparade ändringar. Låsa ändå? De går förlorade.</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <source>Already open</source>
        <extracomment>kind → (module, function) of every PDF/chart renderer the UI may ask for.</extracomment>
        <translation>Redan öppen</translation>
    </message>
    <message>
        <source>The database is already open in another Trygg Desktop window on this computer. Close that one first.</source>
        <translation>Databasen är redan öppen i ett annat Trygg Desktop-fönster på den här datorn. Stäng det först.</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>New kartläggning</source>
        <translation>Ny kartläggning</translation>
    </message>
    <message>
        <source>Risk and protection from 0 (none) to 3 (high); note what the rating builds on.</source>
        <translation>Risk och skydd från 0 (inget) till 3 (högt); anteckna vad bedömningen bygger på.</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Skydd</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>%1: risk</source>
        <translation>%1: risk</translation>
    </message>
    <message>
        <source>%1: protection</source>
        <translation>%1: skydd</translation>
    </message>
    <message>
        <source>%1: note</source>
        <translation>%1: anteckning</translation>
    </message>
    <message>
        <source>The &amp;young person's view:</source>
        <translation>Den &amp;unges syn:</translation>
    </message>
    <message>
        <source>The &amp;guardians' view:</source>
        <translation>&amp;Vårdnadshavarnas syn:</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>Sa&amp;mmanfattning:</translation>
    </message>
    <message>
        <source>&amp;Visibility:</source>
        <translation>&amp;Synlighet:</translation>
    </message>
</context>
<context>
    <name>AssessmentTab</name>
    <message>
        <source>&amp;New kartläggning…</source>
        <translation>&amp;Ny kartläggning…</translation>
    </message>
    <message>
        <source>Add &amp;instrument reference…</source>
        <translation>Lägg till &amp;instrumentresultat…</translation>
    </message>
    <message>
        <source>Kartläggning</source>
        <translation>Kartläggning</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Visibility</source>
        <translation>Synlighet</translation>
    </message>
    <message>
        <source>Total risk</source>
        <translation>Total risk</translation>
    </message>
    <message>
        <source>Total protection</source>
        <translation>Totalt skydd</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Kartläggningar</translation>
    </message>
    <message>
        <source>No kartläggning yet. Map risk and protection per domain before the network meeting.</source>
        <translation>Ingen kartläggning ännu. Kartlägg risk och skydd per område före nätverksmötet.</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Skydd</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Risk and protection per domain</source>
        <translation>Risk och skydd per område</translation>
    </message>
    <message>
        <source>The young person's view:</source>
        <translation>Den unges syn:</translation>
    </message>
    <message>
        <source>The guardians' view:</source>
        <translation>Vårdnadshavarnas syn:</translation>
    </message>
    <message>
        <source>Instruments (ESTER, SAVRY)</source>
        <translation>Instrument (ESTER, SAVRY)</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>Bedömare</translation>
    </message>
    <message>
        <source>Overall risk</source>
        <translation>Samlad risk</translation>
    </message>
    <message>
        <source>Instrument references</source>
        <translation>Instrumentresultat</translation>
    </message>
    <message>
        <source>No instrument results. ESTER and SAVRY results are referenced here with date and assessor.</source>
        <translation>Inga instrumentresultat. Resultat från ESTER och SAVRY registreras här med datum och bedömare.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Inte angivet</translation>
    </message>
</context>
<context>
    <name>AssignUserDialog</name>
    <message>
        <source>Assign user</source>
        <translation>Tilldela användare</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Tilldela</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Användare:</translation>
    </message>
    <message>
        <source>&amp;Role in the case:</source>
        <translation>&amp;Roll i ärendet:</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deltagare</translation>
    </message>
    <message>
        <source>Choose a user.</source>
        <translation>Välj en användare.</translation>
    </message>
</context>
<context>
    <name>AttendeeDialog</name>
    <message>
        <source>Add attendee</source>
        <translation>Lägg till deltagare</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Funktion:</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>e.g. mentor, field worker</source>
        <translation>t.ex. mentor, fältassistent</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>e.g. the school or police area</source>
        <translation>t.ex. skolan eller lokalpolisområdet</translation>
    </message>
    <message>
        <source>– none (youth, guardian, private network) –</source>
        <translation>– ingen (ungdom, vårdnadshavare, privat nätverk) –</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>&amp;Agency:</source>
        <translation>&amp;Myndighet:</translation>
    </message>
    <message>
        <source>Role in the meeting</source>
        <translation>Roll i mötet</translation>
    </message>
    <message>
        <source>&amp;Role in the meeting:</source>
        <translation>&amp;Roll i mötet:</translation>
    </message>
    <message>
        <source>&amp;Present (untick for absent / sent apologies)</source>
        <translation>Närv&amp;arande (avmarkera vid frånvaro/anmält förhinder)</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Närvarande</translation>
    </message>
    <message>
        <source>Part &amp;note:</source>
        <translation>&amp;Delvis närvaro:</translation>
    </message>
    <message>
        <source>Part note</source>
        <translation>Delvis närvaro</translation>
    </message>
    <message>
        <source>e.g. attended §§ 1–4</source>
        <translation>t.ex. deltog §§ 1–4</translation>
    </message>
    <message>
        <source>The consent covers: %1. Only they may attend.</source>
        <translation>Samtycket omfattar: %1. Endast dessa får delta.</translation>
    </message>
    <message>
        <source>no agency</source>
        <translation>ingen myndighet</translation>
    </message>
    <message>
        <source>This agency is not covered by the consent.</source>
        <translation>Den här myndigheten omfattas inte av samtycket.</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Rättslig grund</translation>
    </message>
    <message>
        <source>– choose –</source>
        <translation>– välj –</translation>
    </message>
    <message>
        <source>Legal &amp;basis:</source>
        <translation>Rättslig &amp;grund:</translation>
    </message>
    <message>
        <source>Law and section</source>
        <translation>Lag och paragraf</translation>
    </message>
    <message>
        <source>e.g. OSL 25 kap. 12 §</source>
        <translation>t.ex. OSL 25 kap. 12 §</translation>
    </message>
    <message>
        <source>&amp;Law and section:</source>
        <translation>&amp;Lag och paragraf:</translation>
    </message>
    <message>
        <source>The attendance is recorded as a disclosure with this legal basis.</source>
        <translation>Närvaron registreras som ett utlämnande med denna rättsliga grund.</translation>
    </message>
    <message>
        <source>Enter the attendee's name.</source>
        <translation>Ange deltagarens namn.</translation>
    </message>
    <message>
        <source>Name the law and section for the disclosure.</source>
        <translation>Ange lag och paragraf för utlämnandet.</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Failed login</source>
        <translation>Misslyckad inloggning</translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation>Åtkomst nekad</translation>
    </message>
    <message>
        <source>Bulk operation</source>
        <translation>Massåtgärd</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Restricted record</source>
        <translation>Skyddad uppgift</translation>
    </message>
    <message>
        <source>Key rotation</source>
        <translation>Nyckelbyte</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>Utlämnande</translation>
    </message>
    <message>
        <source>Recovery code used</source>
        <translation>Återställningskod använd</translation>
    </message>
    <message>
        <source>Sharing stopped</source>
        <translation>Delning stoppad</translation>
    </message>
    <message>
        <source>an event was changed</source>
        <translation>en händelse har ändrats</translation>
    </message>
    <message>
        <source>an event is missing</source>
        <translation>en händelse saknas</translation>
    </message>
    <message>
        <source>events are out of order</source>
        <translation>händelser ligger i fel ordning</translation>
    </message>
    <message>
        <source>the newest events were cut off</source>
        <translation>de senaste händelserna har klippts bort</translation>
    </message>
    <message>
        <source>an event differs from a saved anchor</source>
        <translation>en händelse skiljer sig från en sparad ankarpunkt</translation>
    </message>
    <message>
        <source>the chain head does not match</source>
        <translation>kedjans slutpunkt stämmer inte</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>Log</source>
        <translation>Logg</translation>
    </message>
    <message>
        <source>Search the log of every read, change, export and refused attempt. Rows with a flag are tinted; red rows deserve a closer look. Reading the log is logged too. The monthly review with sign-off and a PDF report is on the Review tab.</source>
        <translation>Sök i loggen över varje läsning, ändring, export och nekat försök. Rader med en flagga är färgmarkerade; röda rader bör granskas närmare. Även läsning av loggen loggas. Den månatliga granskningen med signering och PDF-rapport finns på fliken Granskning.</translation>
    </message>
    <message>
        <source>Log events</source>
        <translation>Logghändelser</translation>
    </message>
    <message>
        <source>No events match the filters.</source>
        <translation>Inga händelser matchar filtren.</translation>
    </message>
    <message>
        <source>any user</source>
        <translation>alla användare</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>case reference or personnummer</source>
        <translation>ärendenummer eller personnummer</translation>
    </message>
    <message>
        <source>A case reference such as SSPF-2026-0012, or a personnummer: then every case of that person. A search by personnummer is logged.</source>
        <translation>Ett ärendenummer som SSPF-2026-0012, eller ett personnummer: då alla personens ärenden. En sökning på personnummer loggas.</translation>
    </message>
    <message>
        <source>&amp;Case:</source>
        <translation>Ä&amp;rende:</translation>
    </message>
    <message>
        <source>Case reference or personnummer</source>
        <translation>Ärendenummer eller personnummer</translation>
    </message>
    <message>
        <source>any action</source>
        <translation>alla åtgärder</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Åtgärd:</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>any flag</source>
        <translation>alla flaggor</translation>
    </message>
    <message>
        <source>&amp;Flag:</source>
        <translation>F&amp;lagga:</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Flagga</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>&amp;Från:</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Från datum</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Till:</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Till datum</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Sök</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Rensa filter</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Kontrollera kedjan</translation>
    </message>
    <message>
        <source>Check that no event has been changed, removed or reordered, and that the database file is whole.</source>
        <translation>Kontrollera att ingen händelse har ändrats, tagits bort eller flyttats och att databasfilen är hel.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Perioden slutar innan den börjar.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n händelse</numerusform>
            <numerusform>%n händelser</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flagged</source>
        <translation>
            <numerusform>%n flaggad</numerusform>
            <numerusform>%n flaggade</numerusform>
        </translation>
    </message>
    <message>
        <source>only the newest %1 are shown: narrow the filters</source>
        <translation>bara de %1 senaste visas: begränsa filtren</translation>
    </message>
    <message>
        <source>Checking the log chain and the database pages…</source>
        <translation>Kontrollerar loggkedjan och databassidorna…</translation>
    </message>
    <message>
        <source>The log is intact: %1 events, chain head %2 (event %3). The database pages are whole.</source>
        <translation>Loggen är intakt: %1 händelser, kedjans slutpunkt %2 (händelse %3). Databassidorna är hela.</translation>
    </message>
    <message numerus="yes">
        <source>The log chain is broken at event %1: %2. %n problem(s) in all. Report this to the information security officer; do not change the database.</source>
        <translation>
            <numerusform>Loggkedjan är bruten vid händelse %1: %2. %n problem totalt. Rapportera detta till informationssäkerhetsansvarig; ändra inte databasen.</numerusform>
            <numerusform>Loggkedjan är bruten vid händelse %1: %2. %n problem totalt. Rapportera detta till informationssäkerhetsansvarig; ändra inte databasen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The log chain is intact, but the database file has damaged pages (%1). Restore the newest backup and contact IT.</source>
        <translation>Loggkedjan är intakt, men databasfilen har skadade sidor (%1). Återställ den senaste säkerhetskopian och kontakta IT.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flaggor</translation>
    </message>
</context>
<context>
    <name>AuditText</name>
    <message>
        <source>(system)</source>
        <translation>(system)</translation>
    </message>
    <message>
        <source>%1 (disposed)</source>
        <translation>%1 (gallrat)</translation>
    </message>
    <message>
        <source>disposed case</source>
        <translation>gallrat ärende</translation>
    </message>
    <message>
        <source>unknown case</source>
        <translation>okänt ärende</translation>
    </message>
    <message>
        <source>%1 no. %2</source>
        <translation>%1 nr %2</translation>
    </message>
</context>
<context>
    <name>AvhoppareSection</name>
    <message>
        <source>Threat assessment (restricted)</source>
        <translation>Hotbedömning (begränsad åtkomst)</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>Bedömd den</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <source>Assessed by</source>
        <translation>Bedömd av</translation>
    </message>
    <message>
        <source>Review on</source>
        <translation>Omprövas den</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>Threat assessments</source>
        <translation>Hotbedömningar</translation>
    </message>
    <message>
        <source>Add &amp;threat assessment…</source>
        <translation>Lägg till &amp;hotbedömning…</translation>
    </message>
    <message>
        <source>Conditions (kontrakt)</source>
        <translation>Villkor (kontrakt)</translation>
    </message>
    <message>
        <source>Signed on:</source>
        <translation>Undertecknat den:</translation>
    </message>
    <message>
        <source>Conditions:</source>
        <translation>Villkor:</translation>
    </message>
    <message>
        <source>Drug tests:</source>
        <translation>Drogtester:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>Villkorsbrott</translation>
    </message>
    <message>
        <source>Consequence</source>
        <translation>Konsekvens</translation>
    </message>
    <message>
        <source>Breaches of conditions</source>
        <translation>Villkorsbrott</translation>
    </message>
    <message>
        <source>Set &amp;conditions…</source>
        <translation>Ange &amp;villkor…</translation>
    </message>
    <message>
        <source>Register &amp;breach…</source>
        <translation>Registrera villkors&amp;brott…</translation>
    </message>
    <message>
        <source>Threat assessments are restricted to the defector coordinator and the assessing agency; they are not shown to you.</source>
        <translation>Hotbedömningar är begränsade till avhopparsamordnaren och den bedömande myndigheten; de visas inte för dig.</translation>
    </message>
    <message>
        <source>Some threat assessments are restricted and not shown to you.</source>
        <translation>Vissa hotbedömningar har begränsad åtkomst och visas inte för dig.</translation>
    </message>
    <message>
        <source>No threat assessment is registered.</source>
        <translation>Ingen hotbedömning är registrerad.</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Inte undertecknat</translation>
    </message>
    <message>
        <source>No breaches are registered.</source>
        <translation>Inga villkorsbrott är registrerade.</translation>
    </message>
    <message>
        <source>No conditions are registered.</source>
        <translation>Inga villkor är registrerade.</translation>
    </message>
    <message>
        <source>The conditions are not shown to you.</source>
        <translation>Villkoren visas inte för dig.</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up now</source>
        <translation>Säkerhetskopiera nu</translation>
    </message>
    <message>
        <source>The backup is one encrypted file. It can be opened only with the password of an administrator or with the recovery code. Keep a copy on another disk as well: a backup beside the database does not survive a broken disk.</source>
        <translation>Säkerhetskopian är en enda krypterad fil. Den kan bara öppnas med en administratörs lösenord eller med återställningskoden. Spara också en kopia på en annan disk: en säkerhetskopia bredvid databasen överlever inte en trasig disk.</translation>
    </message>
    <message>
        <source>Backup folder or file</source>
        <translation>Mapp eller fil för säkerhetskopian</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <source>&amp;Save in:</source>
        <translation>Spara &amp;i:</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>&amp;Säkerhetskopiera</translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) in the standard folder; the newest is from %1.</source>
        <translation>
            <numerusform>%n säkerhetskopia i standardmappen; den senaste är från %1.</numerusform>
            <numerusform>%n säkerhetskopior i standardmappen; den senaste är från %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>No backups in the standard folder yet.</source>
        <translation>Inga säkerhetskopior i standardmappen ännu.</translation>
    </message>
    <message>
        <source>Save backup as</source>
        <translation>Spara säkerhetskopia som</translation>
    </message>
    <message>
        <source>Trygg backups (*.tdbk)</source>
        <translation>Trygg-säkerhetskopior (*.tdbk)</translation>
    </message>
    <message>
        <source>A file already exists at that path. Choose a new name.</source>
        <translation>Det finns redan en fil på den sökvägen. Välj ett nytt namn.</translation>
    </message>
    <message>
        <source>Backup saved: %1
%2 MB, made in %3 s.</source>
        <translation>Säkerhetskopian har sparats: %1
%2 MB, skapad på %3 s.</translation>
    </message>
    <message>
        <source>Making the automatic backup…</source>
        <translation>Skapar den automatiska säkerhetskopian…</translation>
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
    <name>BreachDialog</name>
    <message>
        <source>Register breach of conditions</source>
        <translation>Registrera villkorsbrott</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Breach:</source>
        <translation>&amp;Villkorsbrott:</translation>
    </message>
    <message>
        <source>e.g. positive drug test</source>
        <translation>t.ex. positivt drogtest</translation>
    </message>
    <message>
        <source>&amp;Consequence:</source>
        <translation>&amp;Konsekvens:</translation>
    </message>
    <message>
        <source>Describe the breach.</source>
        <translation>Beskriv villkorsbrottet.</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>Search cases</source>
        <extracomment>A choice list or check box changed (the search text is debounced by the page).</extracomment>
        <translation>Sök ärenden</translation>
    </message>
    <message>
        <source>Reference, name or personnummer</source>
        <translation>Ärendenummer, namn eller personnummer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alla ärendetyper</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <source>&amp;My cases</source>
        <translation>&amp;Mina ärenden</translation>
    </message>
    <message>
        <source>Only my cases</source>
        <translation>Bara mina ärenden</translation>
    </message>
    <message>
        <source>&amp;Open cases only</source>
        <translation>Bara &amp;öppna ärenden</translation>
    </message>
    <message>
        <source>Open cases only</source>
        <translation>Bara öppna ärenden</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Rensa filter</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Sök:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Ärendetyp:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>&amp;Enhet:</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>Omr&amp;åde:</translation>
    </message>
    <message>
        <source>&amp;Responsible:</source>
        <translation>&amp;Ansvarig:</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alla statusar</translation>
    </message>
    <message>
        <source>Choose a kind first</source>
        <translation>Välj ärendetyp först</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alla områden</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Alla</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Age and personal identity number</source>
        <translation>Ålder och personnummer</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <source>Copy the personnummer (the clipboard is cleared after 30 seconds)</source>
        <translation>Kopiera personnumret (urklippet töms efter 30 sekunder)</translation>
    </message>
    <message>
        <source>Copy personnummer</source>
        <translation>Kopiera personnummer</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Ärendenummer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Ändra &amp;status…</translation>
    </message>
    <message>
        <source>Legal &amp;hold…</source>
        <translation>&amp;Bevarandebeslut…</translation>
    </message>
    <message>
        <source>Keep this case from disposal (gallring), e.g. during an appeal</source>
        <translation>Skydda ärendet mot gallring, t.ex. under ett överklagande</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 år</translation>
    </message>
    <message>
        <source>Restricted module – every read is logged</source>
        <translation>Behörighetsbegränsad modul – varje läsning loggas</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Ärendenummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Samtycke</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>Skyddad</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Aktualiserad</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <extracomment>Columns the database can sort by (CaseFilter.order_by).</extracomment>
        <translation>Klicka för att sortera</translation>
    </message>
    <message>
        <source>Consent: %1</source>
        <translation>Samtycke: %1</translation>
    </message>
</context>
<context>
    <name>CaseViewPage</name>
    <message>
        <source>Request &amp;emergency access…</source>
        <translation>Begär &amp;nödåtkomst…</translation>
    </message>
    <message>
        <source>Read this case in an emergency, with a reason (logged and reviewed)</source>
        <translation>Läs det här ärendet i en nödsituation, med ett skäl (loggas och granskas)</translation>
    </message>
    <message>
        <source>No case is open. Open a case from the case list (Ctrl+F searches).</source>
        <translation>Inget ärende är öppet. Öppna ett ärende från ärendelistan (Ctrl+F söker).</translation>
    </message>
    <message>
        <source>Case tabs</source>
        <translation>Ärendeflikar</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Samtycke</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Kartläggning</translation>
    </message>
    <message>
        <source>Plan and actions</source>
        <translation>Plan och åtgärder</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>Utlämnanden</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>address, school and contact details are not shown</source>
        <translation>adress, skola och kontaktuppgifter visas inte</translation>
    </message>
    <message>
        <source>do not disclose address, school or contact details</source>
        <translation>lämna inte ut adress, skola eller kontaktuppgifter</translation>
    </message>
    <message>
        <source>Some information is withheld under secrecy and not shown to you: %1.</source>
        <translation>Vissa uppgifter omfattas av sekretess och visas inte för dig: %1.</translation>
    </message>
    <message>
        <source>journal entries</source>
        <translation>journalanteckningar</translation>
    </message>
    <message>
        <source>plan actions</source>
        <translation>planens åtgärder</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>kartläggningar</translation>
    </message>
    <message>
        <source>instrument results</source>
        <translation>instrumentresultat</translation>
    </message>
    <message>
        <source>threat assessments</source>
        <translation>hotbedömningar</translation>
    </message>
    <message>
        <source>risk levels</source>
        <translation>risknivåer</translation>
    </message>
    <message>
        <source>conditions</source>
        <translation>villkor</translation>
    </message>
    <message>
        <source>disclosures</source>
        <translation>utlämnanden</translation>
    </message>
    <message>
        <source>Emergency access (nödåtkomst) – you have temporary read-only access until %1. Every access is logged and reviewed.</source>
        <translation>Nödåtkomst – du har tillfällig läsbehörighet till %1. All åtkomst loggas och granskas.</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Cases</source>
        <translation>Ärenden</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <source>Load the list again (F5)</source>
        <translation>Läs in listan igen (F5)</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;Nytt ärende…</translation>
    </message>
    <message>
        <source>Register a new referral (Ctrl+N)</source>
        <translation>Registrera en ny aktualisering (Ctrl+N)</translation>
    </message>
    <message>
        <source>E&amp;mergency access…</source>
        <translation>Nö&amp;dåtkomst…</translation>
    </message>
    <message>
        <source>Read a case of your agency that you are not connected to, in an emergency (logged and reviewed)</source>
        <translation>Läs ett ärende i din myndighet som du inte är kopplad till, i en nödsituation (loggas och granskas)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message>
        <source>The list can be sorted by reference, status, name or referral date.</source>
        <translation>Listan kan sorteras efter ärendenummer, status, namn eller aktualiseringsdatum.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n ärende</numerusform>
            <numerusform>%n ärenden</numerusform>
        </translation>
    </message>
    <message>
        <source>No cases match the search and filters. Clear the filters to see all your cases.</source>
        <translation>Inga ärenden matchar sökningen och filtren. Rensa filtren för att se alla dina ärenden.</translation>
    </message>
    <message>
        <source>You have no open cases. Register a referral with “New case” (Ctrl+N).</source>
        <translation>Du har inga öppna ärenden. Registrera en aktualisering med ”Nytt ärende” (Ctrl+N).</translation>
    </message>
    <message>
        <source>No cases yet. Cases you are connected to appear here.</source>
        <translation>Inga ärenden ännu. Ärenden som du är kopplad till visas här.</translation>
    </message>
    <message>
        <source>Copy &amp;personnummer</source>
        <translation>Kopiera &amp;personnummer</translation>
    </message>
</context>
<context>
    <name>CategoryCombo</name>
    <message>
        <source>– automatic (from type, area or text) –</source>
        <translation>– automatiskt (av typ, område eller text) –</translation>
    </message>
    <message>
        <source>Agencies see this only if the consent covers its category for them. Automatic: health-related types, areas and words count as Health.</source>
        <translation>Andra myndigheter ser detta bara om samtycket omfattar kategorin för dem. Automatiskt: hälsorelaterade typer, områden och ord räknas som Hälsa.</translation>
    </message>
    <message>
        <source>Information category</source>
        <translation>Informationskategori</translation>
    </message>
</context>
<context>
    <name>ConditionsDialog</name>
    <message>
        <source>Set conditions</source>
        <translation>Ange villkor</translation>
    </message>
    <message>
        <source>A new set of conditions replaces the one shown; earlier sets and their breaches are kept.</source>
        <translation>Nya villkor ersätter de villkor som visas; tidigare villkor och brotten mot dem sparas.</translation>
    </message>
    <message>
        <source>&amp;Conditions (one per line):</source>
        <translation>&amp;Villkor (ett per rad):</translation>
    </message>
    <message>
        <source>&amp;Signed on:</source>
        <translation>&amp;Undertecknat den:</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Undertecknat</translation>
    </message>
    <message>
        <source>&amp;Drug tests:</source>
        <translation>&amp;Drogtester:</translation>
    </message>
    <message>
        <source>e.g. urine test every other week</source>
        <translation>t.ex. urinprov varannan vecka</translation>
    </message>
    <message>
        <source>List the conditions, one per line.</source>
        <translation>Ange villkoren, ett per rad.</translation>
    </message>
</context>
<context>
    <name>ConsentLight</name>
    <message>
        <source>Consent:</source>
        <translation>Samtycke:</translation>
    </message>
    <message>
        <source>Consent: %1</source>
        <translation>Samtycke: %1</translation>
    </message>
</context>
<context>
    <name>ConsentTab</name>
    <message>
        <source>&amp;New consent…</source>
        <translation>&amp;Nytt samtycke…</translation>
    </message>
    <message>
        <source>Register si&amp;gnature…</source>
        <translation>Registrera &amp;underskrift…</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Återkalla…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Syfte</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Giltigt från</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Giltigt till</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Myndigheter</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Undertecknat</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Samtycken</translation>
    </message>
    <message>
        <source>No consent is registered. Without a valid consent the agencies may not share information about the young person; the alternatives are an anonymised case discussion or a statutory route.</source>
        <translation>Inget samtycke är registrerat. Utan ett giltigt samtycke får myndigheterna inte dela uppgifter om den unge; alternativen är en avidentifierad ärendegenomgång eller uppgiftslämnande med stöd av lag.</translation>
    </message>
    <message>
        <source>What the consent covers</source>
        <translation>Vad samtycket omfattar</translation>
    </message>
    <message>
        <source>Agencies:</source>
        <translation>Myndigheter:</translation>
    </message>
    <message>
        <source>Information:</source>
        <translation>Uppgifter:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Giltigt:</translation>
    </message>
    <message>
        <source>Custody:</source>
        <translation>Vårdnad:</translation>
    </message>
    <message>
        <source>The young person's opinion:</source>
        <translation>Den unges inställning:</translation>
    </message>
    <message>
        <source>Revoked:</source>
        <translation>Återkallat:</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Underskrifter</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Undertecknare</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Krävs</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metod</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Saknas</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Avböjt</translation>
    </message>
    <message>
        <source>Joint custody: both guardians sign</source>
        <translation>Gemensam vårdnad: båda vårdnadshavarna skriver under</translation>
    </message>
    <message>
        <source>One guardian signs: %1</source>
        <translation>En vårdnadshavare skriver under: %1</translation>
    </message>
    <message>
        <source>One guardian signs</source>
        <translation>En vårdnadshavare skriver under</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Inte angivet</translation>
    </message>
</context>
<context>
    <name>CorrectJournalDialog</name>
    <message>
        <source>Correct journal entry</source>
        <translation>Rätta journalanteckning</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>Spara rättelse</translation>
    </message>
    <message>
        <source>The original entry is kept and shown as corrected.</source>
        <translation>Den ursprungliga anteckningen sparas och visas som rättad.</translation>
    </message>
    <message>
        <source>Original:</source>
        <translation>Ursprunglig:</translation>
    </message>
    <message>
        <source>Original text</source>
        <translation>Ursprunglig text</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Corrected text:</source>
        <translation>&amp;Rättad text:</translation>
    </message>
    <message>
        <source>Write the corrected text.</source>
        <translation>Skriv den rättade texten.</translation>
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
    <name>DashboardCard</name>
    <message>
        <source>Number of rows</source>
        <translation>Antal rader</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation>Dubbelklicka eller tryck Enter för att öppna</translation>
    </message>
    <message>
        <source>Nothing to show right now.</source>
        <translation>Inget att visa just nu.</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n försenad</numerusform>
            <numerusform>%n försenade</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <source>Update the overview (F5)</source>
        <translation>Uppdatera översikten (F5)</translation>
    </message>
    <message>
        <source>My actions (overdue/due soon)</source>
        <translation>Mina åtgärder (försenade/snart förfallna)</translation>
    </message>
    <message>
        <source>Meetings in the coming 7 days</source>
        <translation>Möten de kommande 7 dagarna</translation>
    </message>
    <message>
        <source>Consents expiring within 30 days or expired</source>
        <translation>Samtycken som går ut inom 30 dagar eller har gått ut</translation>
    </message>
    <message numerus="yes">
        <source>%n expired</source>
        <translation>
            <numerusform>%n utgånget</numerusform>
            <numerusform>%n utgångna</numerusform>
        </translation>
    </message>
    <message>
        <source>Cases without a follow-up date</source>
        <translation>Ärenden utan uppföljningsdatum</translation>
    </message>
    <message>
        <source>New referrals to assess</source>
        <translation>Nya aktualiseringar att bedöma</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Försenad</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Group level</source>
        <translation>Gruppnivå</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Giltigt till</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Samtycke</translation>
    </message>
    <message numerus="yes">
        <source>Valid, %n day(s) left</source>
        <translation>
            <numerusform>Giltigt, %n dag kvar</numerusform>
            <numerusform>Giltigt, %n dagar kvar</numerusform>
        </translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Aktualiserad</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>I dag %1</translation>
    </message>
</context>
<context>
    <name>DecideActionDialog</name>
    <message>
        <source>Decide action</source>
        <translation>Besluta åtgärd</translation>
    </message>
    <message>
        <source>(no area)</source>
        <translation>(inget område)</translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation>&amp;Vad</translation>
    </message>
    <message>
        <source>&amp;Who does it</source>
        <translation>Vem &amp;gör det</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Område</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>&amp;Plats</translation>
    </message>
    <message>
        <source>&amp;Decided on</source>
        <translation>Beslutad &amp;den</translation>
    </message>
    <message>
        <source>D&amp;ue</source>
        <translation>&amp;Klar senast</translation>
    </message>
</context>
<context>
    <name>DisclosureDialog</name>
    <message>
        <source>Register disclosure</source>
        <translation>Registrera utlämnande</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <source>&amp;What was disclosed:</source>
        <translation>&amp;Vad som lämnades ut:</translation>
    </message>
    <message>
        <source>Recipient &amp;agency:</source>
        <translation>Mottagande &amp;myndighet:</translation>
    </message>
    <message>
        <source>Recipient &amp;name:</source>
        <translation>Mottagarens &amp;namn:</translation>
    </message>
    <message>
        <source>&amp;Legal basis:</source>
        <translation>&amp;Rättslig grund:</translation>
    </message>
    <message>
        <source>Other &amp;basis:</source>
        <translation>Annan &amp;grund:</translation>
    </message>
    <message>
        <source>&amp;Harm assessment:</source>
        <translation>Men&amp;prövning:</translation>
    </message>
    <message>
        <source>Menprövning: why the disclosure does not harm the person</source>
        <translation>Menprövning: varför utlämnandet inte medför men för den enskilde</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Secure e-mail</source>
        <translation>Säker e-post</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papper</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>In a meeting</source>
        <translation>Vid ett möte</translation>
    </message>
    <message>
        <source>Say what was disclosed.</source>
        <translation>Ange vad som lämnades ut.</translation>
    </message>
    <message>
        <source>Name the legal basis.</source>
        <translation>Ange den rättsliga grunden.</translation>
    </message>
</context>
<context>
    <name>DisclosuresTab</name>
    <message>
        <source>&amp;Register disclosure…</source>
        <translation>&amp;Registrera utlämnande…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Mottagare</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Rättslig grund</translation>
    </message>
    <message>
        <source>Harm assessment</source>
        <translation>Menprövning</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Beslutat av</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>Utlämnanden</translation>
    </message>
    <message>
        <source>No disclosures are registered. Register every disclosure outside the consent (for example to the police under OSL 10:18 a) with its legal basis and harm assessment.</source>
        <translation>Inga utlämnanden är registrerade. Registrera varje utlämnande utanför samtycket (till exempel till polisen enligt 10 kap. 18 a § OSL) med rättslig grund och menprövning.</translation>
    </message>
</context>
<context>
    <name>EArchiveDialog</name>
    <message>
        <source>Only closed cases can be handed over to the e-archive.</source>
        <translation>Bara avslutade ärenden kan överlämnas till e-arkivet.</translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>Lösenfrasen måste ha minst %1 tecken.</translation>
    </message>
    <message>
        <source>Tick at least one case.</source>
        <translation>Markera minst ett ärende.</translation>
    </message>
    <message>
        <source>A file with that name already exists; choose another.</source>
        <translation>Det finns redan en fil med det namnet; välj ett annat.</translation>
    </message>
    <message>
        <source>The folder does not exist; choose another.</source>
        <translation>Mappen finns inte; välj en annan.</translation>
    </message>
    <message>
        <source>Save e-archive package</source>
        <translation>Spara e-arkivpaket</translation>
    </message>
    <message>
        <source>E-archive packages (*.tdar)</source>
        <translation>E-arkivpaket (*.tdar)</translation>
    </message>
    <message>
        <source>Too short: at least %1 characters.</source>
        <translation>För kort: minst %1 tecken.</translation>
    </message>
    <message>
        <source>Weak: use several different words.</source>
        <translation>Svagt: använd flera olika ord.</translation>
    </message>
    <message>
        <source>Acceptable. Four or more words are better.</source>
        <translation>Godtagbart. Fyra eller fler ord är bättre.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Bra.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Starkt.</translation>
    </message>
    <message>
        <source>Export for e-archive</source>
        <translation>Exportera till e-arkiv</translation>
    </message>
    <message>
        <source>Closed cases to hand over:</source>
        <translation>Avslutade ärenden att överlämna:</translation>
    </message>
    <message>
        <source>Cases to hand over</source>
        <translation>Ärenden att överlämna</translation>
    </message>
    <message>
        <source>%1 · %2 · open – cannot be handed over</source>
        <translation>%1 · %2 · öppet – kan inte överlämnas</translation>
    </message>
    <message>
        <source>%1 · %2 · closed %3</source>
        <translation>%1 · %2 · avslutat %3</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Lösenfras:</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Upprepa lösenfrasen</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Upprepa:</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Lösenfrasens styrka</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Utdatafil</translation>
    </message>
    <message>
        <source>Choose where to save the package</source>
        <translation>Välj var paketet ska sparas</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Välj…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportera</translation>
    </message>
    <message>
        <source>The package holds confidential personal data</source>
        <translation>Paketet innehåller personuppgifter som omfattas av sekretess</translation>
    </message>
    <message>
        <source>Everything recorded in the ticked cases is written, encrypted, into one file for the municipality's e-archive: persons, consents, assessments, plans, journal, disclosures and the approved protocols. Only the passphrase opens it: give it to the archivist separately, never with the file. Nothing is deleted here – gallring is its own approved step. The export is logged per case.</source>
        <translation>Allt som har registrerats i de markerade ärendena skrivs, krypterat, till en enda fil för kommunens e-arkiv: personer, samtycken, kartläggningar, planer, journal, utlämnanden och de justerade protokollen. Bara lösenfrasen öppnar filen: lämna lösenfrasen till arkivarien separat, aldrig tillsammans med filen. Ingenting raderas här – gallring är ett eget godkänt steg. Exporten loggas per ärende.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De två lösenfraserna är olika.</translation>
    </message>
    <message>
        <source>At least %1 characters; a few unrelated words are easy to say and hard to guess.</source>
        <translation>Minst %1 tecken; några ord som inte hänger ihop är lätta att säga och svåra att gissa.</translation>
    </message>
    <message>
        <source>The PDF renderer is not available.</source>
        <translation>PDF-renderaren är inte tillgänglig.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporterar…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n ärende</numerusform>
            <numerusform>%n ärenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protocol(s)</source>
        <translation>
            <numerusform>%n protokoll</numerusform>
            <numerusform>%n protokoll</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 were sealed into %3. Give the passphrase to the archivist separately.</source>
        <translation>%1 och %2 har förseglats i %3. Lämna lösenfrasen till arkivarien separat.</translation>
    </message>
</context>
<context>
    <name>EditConflictDialog</name>
    <message>
        <source>Saved by someone else in the meantime</source>
        <translation>Sparat av någon annan under tiden</translation>
    </message>
    <message>
        <source>Someone else saved this item after you opened it. Nothing of yours has been saved and nothing of theirs has been overwritten. Compare and choose.</source>
        <translation>Någon annan sparade punkten efter att du öppnade den. Inget av ditt har sparats och inget av deras har skrivits över. Jämför och välj.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Saved now&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sparat nu&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your text&lt;/b&gt;</source>
        <translation>&lt;b&gt;Din text&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Fortsätt redigera</translation>
    </message>
    <message>
        <source>&amp;Use the saved text</source>
        <translation>&amp;Använd den sparade texten</translation>
    </message>
    <message>
        <source>&amp;Save mine over it</source>
        <translation>&amp;Spara min över den</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <source>Your role does not include case work, so emergency access is not available to you.</source>
        <translation>Din roll omfattar inte ärendearbete, så nödåtkomst är inte tillgänglig för dig.</translation>
    </message>
    <message>
        <source>Emergency access never crosses agency boundaries: this case belongs to another agency. Ask its coordinator to connect you to the case.</source>
        <translation>Nödåtkomst går aldrig över myndighetsgränser: det här ärendet tillhör en annan myndighet. Be ärendets samordnare att koppla dig till ärendet.</translation>
    </message>
    <message>
        <source>TREFAS and defector cases cannot be opened with emergency access. Contact the unit's coordinator.</source>
        <translation>TREFAS- och avhopparärenden kan inte öppnas med nödåtkomst. Kontakta enhetens samordnare.</translation>
    </message>
    <message>
        <source>Write a reason of at least %1 characters.</source>
        <translation>Skriv ett skäl på minst %1 tecken.</translation>
    </message>
    <message>
        <source>The reason is too long.</source>
        <translation>Skälet är för långt.</translation>
    </message>
    <message>
        <source>Choose a purpose.</source>
        <translation>Välj ett syfte.</translation>
    </message>
    <message>
        <source>You already have access to this case: open it from the case list.</source>
        <translation>Du har redan åtkomst till det här ärendet: öppna det från ärendelistan.</translation>
    </message>
    <message>
        <source>You already have emergency access to this case.</source>
        <translation>Du har redan nödåtkomst till det här ärendet.</translation>
    </message>
    <message>
        <source>Enter a case reference or a personnummer.</source>
        <translation>Ange ett ärendenummer eller ett personnummer.</translation>
    </message>
    <message>
        <source>Emergency access (nödåtkomst)</source>
        <translation>Nödåtkomst</translation>
    </message>
    <message>
        <source>Case reference or personnummer</source>
        <translation>Ärendenummer eller personnummer</translation>
    </message>
    <message>
        <source>e.g. SSPF-2026-0012 or 20110503-1234</source>
        <translation>t.ex. SSPF-2026-0012 eller 20110503-1234</translation>
    </message>
    <message>
        <source>Case &amp;reference or personnummer:</source>
        <translation>Ä&amp;rendenummer eller personnummer:</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Hitta</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Ärendenummer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Your access</source>
        <translation>Din åtkomst</translation>
    </message>
    <message>
        <source>Cases found</source>
        <translation>Hittade ärenden</translation>
    </message>
    <message>
        <source>Search for the case by its exact reference or the person's personnummer.</source>
        <translation>Sök efter ärendet med dess exakta ärendenummer eller personens personnummer.</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Syfte</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Syfte:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>Why do you need to read this case now? Write it so a reviewer can understand it afterwards.</source>
        <translation>Varför behöver du läsa det här ärendet nu? Skriv så att en granskare kan förstå det i efterhand.</translation>
    </message>
    <message>
        <source>Reason length</source>
        <translation>Skälets längd</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>S&amp;käl:</translation>
    </message>
    <message>
        <source>&amp;Open with emergency access</source>
        <translation>&amp;Öppna med nödåtkomst</translation>
    </message>
    <message>
        <source>Open with emergency access</source>
        <translation>Öppna med nödåtkomst</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Öppna ärende</translation>
    </message>
    <message>
        <source>Emergency access is logged and reviewed</source>
        <translation>Nödåtkomst loggas och granskas</translation>
    </message>
    <message>
        <source>Use emergency access only when you must read a case you are not connected to in order to act in an urgent situation. You get read-only access to one case of your own agency for %1 hours, or until you lock or log out. Your reason and every read are logged and reviewed by the log reviewer and your manager. Other agencies' cases and TREFAS/defector cases cannot be opened this way.</source>
        <translation>Använd nödåtkomst bara när du måste läsa ett ärende som du inte är kopplad till för att kunna agera i en brådskande situation. Du får läsbehörighet till ett ärende i din egen myndighet i %1 timmar, eller tills du låser eller loggar ut. Ditt skäl och varje läsning loggas och granskas av logggranskaren och din chef. Andra myndigheters ärenden och TREFAS-/avhopparärenden kan inte öppnas på det här sättet.</translation>
    </message>
    <message>
        <source>Connected – open it normally</source>
        <translation>Kopplad – öppna det som vanligt</translation>
    </message>
    <message>
        <source>Emergency access until %1</source>
        <translation>Nödåtkomst till %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Inte kopplad</translation>
    </message>
    <message>
        <source>%1 characters (at least %2)</source>
        <translation>%1 tecken (minst %2)</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>&amp;Öppna ärende</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) found.</source>
        <translation>
            <numerusform>%n ärende hittades.</numerusform>
            <numerusform>%n ärenden hittades.</numerusform>
        </translation>
    </message>
    <message>
        <source>No case of your agency matches. Check the reference or personnummer. Other agencies' cases and TREFAS/defector cases are not shown here.</source>
        <translation>Inget ärende i din myndighet matchar. Kontrollera ärendenumret eller personnumret. Andra myndigheters ärenden och TREFAS-/avhopparärenden visas inte här.</translation>
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
        <source>Only the case's responsible worker or the unit's coordinator may show protected address, school and contact details. The attempt has been logged.</source>
        <translation>Bara ärendets ansvariga handläggare eller enhetens samordnare får visa skyddad adress, skola och kontaktuppgifter. Försöket har loggats.</translation>
    </message>
    <message>
        <source>You are not connected to any case of this person, so you may not compile their register extract. Pass the request on to the registrar, who sends it to the unit responsible.</source>
        <translation>Du är inte kopplad till något ärende för personen och får därför inte sammanställa registerutdraget. Lämna begäran till registratorn, som skickar den vidare till ansvarig enhet.</translation>
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
        <source>Nothing was saved: the chosen file is a symbolic link or not an ordinary file. Choose another file name.</source>
        <translation>Inget sparades: den valda filen är en symbolisk länk eller ingen vanlig fil. Välj ett annat filnamn.</translation>
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
        <source>The key file is damaged: its content does not match its checksum. Nobody can unlock with it; restore the key file (.keys) from a backup or ask the system administrator.</source>
        <translation>Nyckelfilen är skadad: innehållet stämmer inte med kontrollsumman. Ingen kan låsa upp med den; återställ nyckelfilen (.keys) från en säkerhetskopia eller kontakta systemadministratören.</translation>
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
        <source>A name or contact field holds an invisible or control character (perhaps pasted). Type it again.</source>
        <translation>Ett namn- eller kontaktfält innehåller ett osynligt tecken eller styrtecken (kanske inklistrat). Skriv in det igen.</translation>
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
        <source>No valid consent covers that recipient. Choose the legal basis for the disclosure.</source>
        <translation>Inget giltigt samtycke omfattar den mottagaren. Välj lagstöd för utlämnandet.</translation>
    </message>
    <message>
        <source>Name the law and section for the disclosure.</source>
        <translation>Ange lag och paragraf för utlämnandet.</translation>
    </message>
    <message>
        <source>The case has no plan yet.</source>
        <translation>Ärendet har ingen åtagandeplan ännu.</translation>
    </message>
    <message>
        <source>Printing is not available in this installation.</source>
        <translation>Utskrift är inte tillgänglig i den här installationen.</translation>
    </message>
    <message>
        <source>A unit with that name exists.</source>
        <translation>Det finns redan en enhet med det namnet.</translation>
    </message>
    <message>
        <source>You cannot remove your own account.</source>
        <translation>Du kan inte ta bort ditt eget konto.</translation>
    </message>
    <message>
        <source>The database is on a network drive. Trygg Desktop opens databases only on a local disk: file locking over a network is unreliable and can damage the file.</source>
        <translation>Databasen ligger på en nätverksenhet. Trygg Desktop öppnar bara databaser på en lokal disk: fillåsning över ett nätverk är opålitlig och kan skada filen.</translation>
    </message>
    <message>
        <source>The key file has been changed or is damaged.</source>
        <translation>Nyckelfilen har ändrats eller är skadad.</translation>
    </message>
    <message>
        <source>Emergency access is read-only.</source>
        <translation>Nödåtkomst ger bara läsbehörighet.</translation>
    </message>
    <message>
        <source>Describe the reason in at least 15 characters.</source>
        <translation>Beskriv skälet med minst 15 tecken.</translation>
    </message>
    <message>
        <source>Emergency access is possible only to your own agency's cases.</source>
        <translation>Nödåtkomst är bara möjlig till din egen myndighets ärenden.</translation>
    </message>
    <message>
        <source>TREFAS and defector cases are not open to emergency access.</source>
        <translation>TREFAS- och avhopparärenden är inte öppna för nödåtkomst.</translation>
    </message>
    <message>
        <source>You already have access to this case.</source>
        <translation>Du har redan åtkomst till det här ärendet.</translation>
    </message>
    <message>
        <source>You already have emergency access to this case.</source>
        <translation>Du har redan nödåtkomst till det här ärendet.</translation>
    </message>
    <message>
        <source>Your role has no emergency access.</source>
        <translation>Din roll har ingen nödåtkomst.</translation>
    </message>
    <message>
        <source>This version does not dispose of that kind of record.</source>
        <translation>Den här versionen gallrar inte den typen av handlingar.</translation>
    </message>
    <message>
        <source>The case has no legal hold.</source>
        <translation>Ärendet har inget bevarandebeslut.</translation>
    </message>
    <message>
        <source>The case is not due for disposal.</source>
        <translation>Ärendet ska inte gallras ännu.</translation>
    </message>
    <message>
        <source>Give a number of years between 0 and 150.</source>
        <translation>Ange ett antal år mellan 0 och 150.</translation>
    </message>
    <message>
        <source>Give the reason for the legal hold.</source>
        <translation>Ange skälet till bevarandebeslutet.</translation>
    </message>
    <message>
        <source>Nothing was chosen for disposal.</source>
        <translation>Ingenting valdes för gallring.</translation>
    </message>
    <message>
        <source>Write a comment on the review.</source>
        <translation>Skriv en kommentar till granskningen.</translation>
    </message>
    <message>
        <source>The review period is not valid.</source>
        <translation>Granskningsperioden är inte giltig.</translation>
    </message>
    <message>
        <source>Only closed cases can be handed over to the e-archive.</source>
        <translation>Bara avslutade ärenden kan överlämnas till e-arkivet.</translation>
    </message>
    <message>
        <source>The passphrase needs at least 12 characters.</source>
        <translation>Lösenfrasen måste ha minst 12 tecken.</translation>
    </message>
    <message>
        <source>The passphrases do not match.</source>
        <translation>Lösenfraserna stämmer inte överens.</translation>
    </message>
    <message>
        <source>A file already exists at that path. Choose a new name.</source>
        <translation>Det finns redan en fil på den sökvägen. Välj ett nytt namn.</translation>
    </message>
    <message>
        <source>Choose at least one case.</source>
        <translation>Välj minst ett ärende.</translation>
    </message>
    <message>
        <source>There is no case with that reference.</source>
        <translation>Det finns inget ärende med det ärendenumret.</translation>
    </message>
    <message>
        <source>No person with that personnummer is registered.</source>
        <translation>Ingen person med det personnumret är registrerad.</translation>
    </message>
    <message>
        <source>Enter a case reference (such as SSPF-2026-0012) or a personnummer (ÅÅÅÅMMDD-NNNN).</source>
        <translation>Ange ett ärendenummer (till exempel SSPF-2026-0012) eller ett personnummer (ÅÅÅÅMMDD-NNNN).</translation>
    </message>
    <message>
        <source>This action belongs to an older version of the plan. Follow it up in the current plan.</source>
        <translation>Åtgärden hör till en äldre version av planen. Följ upp den i den gällande planen.</translation>
    </message>
    <message>
        <source>The text holds a character that is not allowed (an invisible control character or a direction override, often pasted from another program). Remove it and save again.</source>
        <translation>Texten innehåller ett tecken som inte är tillåtet (ett osynligt styrtecken eller en riktningsändring, ofta inklistrat från ett annat program). Ta bort det och spara igen.</translation>
    </message>
    <message>
        <source>That period does not exist. Check the dates.</source>
        <translation>Den perioden finns inte. Kontrollera datumen.</translation>
    </message>
    <message>
        <source>That period has not begun yet.</source>
        <translation>Perioden har inte börjat än.</translation>
    </message>
    <message>
        <source>Unknown case kind.</source>
        <translation>Okänd ärendetyp.</translation>
    </message>
    <message>
        <source>The small-number threshold must be a whole number from 5 to 100.</source>
        <translation>Gränsen för små tal ska vara ett heltal från 5 till 100.</translation>
    </message>
    <message>
        <source>The file could not be written there.</source>
        <translation>Filen kunde inte skrivas där.</translation>
    </message>
    <message>
        <source>Choose a .csv or .xlsx file.</source>
        <translation>Välj en .csv- eller .xlsx-fil.</translation>
    </message>
    <message>
        <source>The description looks like it holds a personnummer. The EST register holds no personal data: remove the number.</source>
        <translation>Beskrivningen ser ut att innehålla ett personnummer. EST-registret innehåller inga personuppgifter: ta bort numret.</translation>
    </message>
    <message>
        <source>A text field holds something that is not text.</source>
        <translation>Ett textfält innehåller något som inte är text.</translation>
    </message>
    <message>
        <source>A text is too long. Shorten it.</source>
        <translation>En text är för lång. Korta den.</translation>
    </message>
    <message>
        <source>A text holds a character that is not allowed (a control character or a direction override).</source>
        <translation>En text innehåller ett tecken som inte är tillåtet (ett styrtecken eller en riktningsändring).</translation>
    </message>
    <message>
        <source>The date is missing or not valid.</source>
        <translation>Datumet saknas eller är ogiltigt.</translation>
    </message>
    <message>
        <source>The incident cannot have happened in the future.</source>
        <translation>Händelsen kan inte ha inträffat i framtiden.</translation>
    </message>
    <message>
        <source>The time is not valid.</source>
        <translation>Klockslaget är ogiltigt.</translation>
    </message>
    <message>
        <source>The number of people must be a whole number from 0 to 500.</source>
        <translation>Antalet personer ska vara ett heltal från 0 till 500.</translation>
    </message>
    <message>
        <source>Choose an area.</source>
        <translation>Välj ett område.</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Välj en kategori.</translation>
    </message>
    <message>
        <source>Choose who reported the incident.</source>
        <translation>Välj vem som rapporterade händelsen.</translation>
    </message>
    <message>
        <source>The cleaned-up date cannot be before the incident.</source>
        <translation>Sanerat-datumet kan inte vara före händelsen.</translation>
    </message>
    <message>
        <source>The coordinates are not valid.</source>
        <translation>Koordinaterna är ogiltiga.</translation>
    </message>
    <message>
        <source>Someone else changed this in the meantime. Open it again.</source>
        <translation>Någon annan har ändrat detta under tiden. Öppna det igen.</translation>
    </message>
    <message>
        <source>Someone else saved this agenda item in the meantime; nothing was overwritten. Open it again.</source>
        <translation>Någon annan sparade dagordningspunkten under tiden; inget skrevs över. Öppna den igen.</translation>
    </message>
    <message>
        <source>Someone else changed this action in the meantime; nothing was overwritten. Open it again.</source>
        <translation>Någon annan ändrade åtgärden under tiden; inget skrevs över. Öppna den igen.</translation>
    </message>
    <message>
        <source>Someone else changed the case in the meantime; nothing was overwritten. Open it again.</source>
        <translation>Någon annan ändrade ärendet under tiden; inget skrevs över. Öppna det igen.</translation>
    </message>
    <message>
        <source>Someone else saved the next meeting in the meantime; nothing was overwritten. Open the protocol again.</source>
        <translation>Någon annan sparade nästa möte under tiden; inget skrevs över. Öppna protokollet igen.</translation>
    </message>
    <message>
        <source>That item is another agency's internal note: only that agency may change it.</source>
        <translation>Punkten är en annan myndighets interna anteckning: bara den myndigheten får ändra den.</translation>
    </message>
    <message>
        <source>That meeting is not an EST meeting.</source>
        <translation>Mötet är inte ett EST-möte.</translation>
    </message>
    <message>
        <source>The situation picture's period has not begun on the meeting day.</source>
        <translation>Lägesbildens period har inte börjat på mötesdagen.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the network and try again; nothing was saved.</source>
        <translation>Servern går inte att nå. Kontrollera nätverket och försök igen; inget har sparats.</translation>
    </message>
    <message>
        <source>The server's certificate is not trusted, so no connection was made.</source>
        <translation>Serverns certifikat är inte betrott, så ingen anslutning gjordes.</translation>
    </message>
    <message>
        <source>WARNING: the server's certificate has changed since the last connection. Someone may be intercepting the connection. Nothing was sent; contact IT.</source>
        <translation>VARNING: serverns certifikat har ändrats sedan förra anslutningen. Någon kan försöka avlyssna anslutningen. Inget skickades; kontakta IT.</translation>
    </message>
    <message>
        <source>This works only with a local database file, not on a server.</source>
        <translation>Det här går bara med en lokal databasfil, inte mot en server.</translation>
    </message>
    <message>
        <source>The server failed. Try again or contact IT.</source>
        <translation>Serverfel. Försök igen eller kontakta IT.</translation>
    </message>
    <message>
        <source>The server address must start with https:// (for example https://trygg.kommun.se:8443).</source>
        <translation>Serveradressen måste börja med https:// (till exempel https://trygg.kommun.se:8443).</translation>
    </message>
    <message>
        <source>The CA file cannot be read.</source>
        <translation>CA-filen går inte att läsa.</translation>
    </message>
    <message>
        <source>The list of trusted servers cannot be read. Remove it to confirm the servers again.</source>
        <translation>Listan över betrodda servrar går inte att läsa. Ta bort den för att bekräfta servrarna igen.</translation>
    </message>
    <message>
        <source>You are not signed in, or the session has ended. Sign in again.</source>
        <translation>Du är inte inloggad, eller så har sessionen tagit slut. Logga in igen.</translation>
    </message>
    <message>
        <source>The server did not accept the request's data.</source>
        <translation>Servern godtog inte uppgifterna i anropet.</translation>
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
    <name>EstActionsPanel</name>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Who does it</source>
        <translation>Vem gör det</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Var</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>EST actions</source>
        <translation>EST-åtgärder</translation>
    </message>
    <message>
        <source>&amp;Decide an action…</source>
        <translation>&amp;Besluta åtgärd…</translation>
    </message>
    <message>
        <source>Actions decided in this meeting (what, who, where, by when). They are printed in the protocol and followed up in the next situation picture.</source>
        <translation>Åtgärder som mötet beslutat (vad, vem, var, när). De skrivs ut i protokollet och följs upp i nästa lägesbild.</translation>
    </message>
</context>
<context>
    <name>EstPage</name>
    <message>
        <source>EST – joint picture of incidents by area</source>
        <translation>EST – gemensam lägesbild över händelser per område</translation>
    </message>
    <message>
        <source>Incidents reported by social services, schools, leisure, the police and the housing company, counted per area and category against the mean of the previous periods. No person is registered or shown.</source>
        <translation>Händelser som socialtjänst, skola, fritid, polis och bostadsbolag rapporterat, räknade per område och kategori mot snittet för föregående perioder. Inga personer registreras eller visas.</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Vecka</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Månad</translation>
    </message>
    <message>
        <source>Tertial</source>
        <translation>Tertial</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>&amp;Kind of period</source>
        <translation>Period&amp;typ</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Periodtyp</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Skriv ut…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Spara som P&amp;DF…</translation>
    </message>
    <message>
        <source>Register &amp;incident…</source>
        <translation>Registrera &amp;händelse…</translation>
    </message>
    <message>
        <source>&amp;Decide action…</source>
        <translation>&amp;Besluta åtgärd…</translation>
    </message>
    <message>
        <source>Incidents in the &amp;period…</source>
        <translation>Händelser &amp;i perioden…</translation>
    </message>
    <message>
        <source>Preparing the picture…</source>
        <translation>Tar fram lägesbilden…</translation>
    </message>
    <message>
        <source>%1: %2 incidents (%3 reported to the police), %4 cells with an elevated or serious level</source>
        <translation>%1: %2 händelser (%3 polisanmälda), %4 celler med förhöjt eller allvarligt läge</translation>
    </message>
    <message>
        <source>The situation per area</source>
        <translation>Läget per område</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karta</translation>
    </message>
    <message>
        <source>Map of the areas by level</source>
        <translation>Karta över områdena efter läge</translation>
    </message>
    <message>
        <source>Actions decided</source>
        <translation>Beslutade åtgärder</translation>
    </message>
    <message>
        <source>Actions to follow up</source>
        <translation>Åtgärder att följa upp</translation>
    </message>
    <message>
        <source>Incidents per area and category</source>
        <translation>Händelser per område och kategori</translation>
    </message>
    <message>
        <source>Count for the period, in brackets the change against the mean of the previous periods. Yellow: elevated level, orange: serious level.</source>
        <translation>Antal under perioden, inom parentes förändringen mot snittet för föregående perioder. Gult: förhöjt läge, orange: allvarligt läge.</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Annual analysis: seasonal pattern</source>
        <translation>Årsanalys: säsongsmönster</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Utveckling</translation>
    </message>
    <message>
        <source>Weekday and hour</source>
        <translation>Veckodag och timme</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <source>%1 incidents without a time of day (or with a window over two hours) are not in the grid.</source>
        <translation>%1 händelser utan klockslag (eller med ett tidsfönster över två timmar) finns inte i rutnätet.</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Inga.</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>försenad</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Var</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Beslutad</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Klar senast</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Double-click or press Enter to follow the action up</source>
        <translation>Dubbelklicka eller tryck Enter för att följa upp åtgärden</translation>
    </message>
    <message>
        <source>The PDF will not be encrypted. It holds counts of incidents by area, no personal data, but it is marked INTERN: keep and delete it according to the municipality's routines.

Save the PDF?</source>
        <translation>PDF-filen kommer inte att vara krypterad. Den innehåller antal händelser per område, inga personuppgifter, men den är märkt INTERN: förvara och radera den enligt kommunens rutiner.

Spara PDF-filen?</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Trygg Desktop – first start</source>
        <translation>Trygg Desktop – första start</translation>
    </message>
    <message>
        <source>Welcome to Trygg Desktop</source>
        <translation>Välkommen till Trygg Desktop</translation>
    </message>
    <message>
        <source>There is no database on this computer yet. Create a new one if you are setting up Trygg Desktop for your unit, or open the database IT has prepared.</source>
        <translation>Det finns ingen databas på den här datorn ännu. Skapa en ny om du installerar Trygg Desktop för din enhet, eller öppna databasen som IT har förberett.</translation>
    </message>
    <message>
        <source>&amp;Create a new database</source>
        <translation>&amp;Skapa en ny databas</translation>
    </message>
    <message>
        <source>&amp;Open an existing database</source>
        <translation>&amp;Öppna en befintlig databas</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Återställ från säkerhetskopia…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>New database file</source>
        <translation>Ny databasfil</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <source>Database &amp;file:</source>
        <translation>Databas&amp;fil:</translation>
    </message>
    <message>
        <source>A key file (the same name plus .keys) is created beside it. Keep the two files together, and back up both.</source>
        <translation>En nyckelfil (samma namn plus .keys) skapas bredvid den. Håll ihop de två filerna och säkerhetskopiera båda.</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>Administratörens användarnamn</translation>
    </message>
    <message>
        <source>&amp;Administrator:</source>
        <translation>&amp;Administratör:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>Re&amp;peat password:</source>
        <translation>&amp;Upprepa lösenord:</translation>
    </message>
    <message>
        <source>The administrator manages accounts and never sees case content. After this, a recovery code is shown once: print it and keep it in a safe.</source>
        <translation>Administratören hanterar konton och ser aldrig innehållet i ärenden. Därefter visas en återställningskod en enda gång: skriv ut den och förvara den i ett kassaskåp.</translation>
    </message>
    <message>
        <source>Existing database file</source>
        <translation>Befintlig databasfil</translation>
    </message>
    <message>
        <source>e.g. S:\Trygg\trygg.db</source>
        <translation>t.ex. S:\Trygg\trygg.db</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Bl&amp;äddra…</translation>
    </message>
    <message>
        <source>The key file (the database name plus .keys) must lie in the same folder.</source>
        <translation>Nyckelfilen (databasens namn plus .keys) måste ligga i samma mapp.</translation>
    </message>
    <message>
        <source>Restore a backup file (.tdbk) to a new database on this computer, for example after a broken disk or a damaged database. You need the password of an administrator at the time of the backup, or the recovery code.</source>
        <translation>Återställ en säkerhetskopia (.tdbk) till en ny databas på den här datorn, till exempel efter en trasig disk eller en skadad databas. Du behöver lösenordet för någon som var administratör när säkerhetskopian gjordes, eller återställningskoden.</translation>
    </message>
    <message>
        <source>Create database</source>
        <translation>Skapa databas</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Choose backup…</source>
        <translation>Välj säkerhetskopia…</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Ny databas</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Öppna databas</translation>
    </message>
    <message>
        <source>Enter where the new database should be saved.</source>
        <translation>Ange var den nya databasen ska sparas.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Mappen %1 finns inte.</translation>
    </message>
    <message>
        <source>There is already a database at that path. Choose another name, or open it instead.</source>
        <translation>Det finns redan en databas på den sökvägen. Välj ett annat namn eller öppna den i stället.</translation>
    </message>
    <message>
        <source>Enter a user name for the administrator.</source>
        <translation>Ange ett användarnamn för administratören.</translation>
    </message>
    <message>
        <source>Enter or choose the database file.</source>
        <translation>Ange eller välj databasfilen.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>Det finns ingen databas på %1.</translation>
    </message>
    <message>
        <source>The key file %1 is missing. It must lie beside the database; ask IT for it, or restore it from the backup.</source>
        <translation>Nyckelfilen %1 saknas. Den måste ligga bredvid databasen; be IT om den eller återställ den från säkerhetskopian.</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Databaser (*.db)</translation>
    </message>
</context>
<context>
    <name>FollowUpActionDialog</name>
    <message>
        <source>Follow up action</source>
        <translation>Följ upp åtgärd</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;Follow-up note</source>
        <translation>&amp;Uppföljning</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up date</source>
        <translation>Uppföljningsdatum</translation>
    </message>
    <message>
        <source>&amp;Follow up on:</source>
        <translation>&amp;Följs upp den:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Saved now: follow up on %1.</source>
        <translation>Sparat nu: uppföljning %1.</translation>
    </message>
    <message>
        <source>Saved now: no follow-up date.</source>
        <translation>Sparat nu: inget uppföljningsdatum.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Someone else changed this in the meantime; nothing was overwritten. {saved} Save again to replace it with yours, or Cancel.</source>
        <extracomment>What the last submitted call changes (``changes_of`` of it), notified again after a conflict. The version of the record this dialog changes, given back with the save so a colleague's change in between is a conflict (services/versions.py); None: the dialog creates something. After a conflict, may the user save again over the colleague's version? Not where what the dialog offers depends on the state that changed (a status's next steps).</extracomment>
        <translation>Någon annan ändrade detta under tiden; inget skrevs över. {saved} Spara igen för att ersätta det med ditt, eller Avbryt.</translation>
    </message>
    <message>
        <source>Someone else changed this in the meantime; nothing was overwritten. {saved} Cancel and open the dialog again.</source>
        <translation>Någon annan ändrade detta under tiden; inget skrevs över. {saved} Avbryt och öppna dialogen igen.</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>Add goal</source>
        <translation>Lägg till mål</translation>
    </message>
    <message>
        <source>&amp;Goal:</source>
        <translation>&amp;Mål:</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>Omr&amp;åde:</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>&amp;Indicator:</source>
        <translation>&amp;Indikator:</translation>
    </message>
    <message>
        <source>e.g. attendance at least 85 %</source>
        <translation>t.ex. närvaro minst 85 %</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>&amp;Utgångsläge:</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>Mål&amp;värde:</translation>
    </message>
    <message>
        <source>Target &amp;date:</source>
        <translation>Mål&amp;datum:</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Ange</translation>
    </message>
    <message>
        <source>Information &amp;category:</source>
        <translation>Informations&amp;kategori:</translation>
    </message>
    <message>
        <source>Describe the goal.</source>
        <translation>Beskriv målet.</translation>
    </message>
</context>
<context>
    <name>GuardianBox</name>
    <message>
        <source>Has &amp;custody (vårdnadshavare)</source>
        <translation>Har &amp;vårdnaden (vårdnadshavare)</translation>
    </message>
    <message>
        <source>P&amp;ersonnummer:</source>
        <translation>Pe&amp;rsonnummer:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Förnamn:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Efternamn:</translation>
    </message>
    <message>
        <source>%1: personnummer</source>
        <translation>%1: personnummer</translation>
    </message>
    <message>
        <source>%1: first name</source>
        <translation>%1: förnamn</translation>
    </message>
    <message>
        <source>%1: last name</source>
        <translation>%1: efternamn</translation>
    </message>
    <message>
        <source>%1: has custody</source>
        <translation>%1: har vårdnaden</translation>
    </message>
</context>
<context>
    <name>GuardiansPage</name>
    <message>
        <source>Guardians</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <source>Up to two guardians. A guardian who is already registered is linked, not registered again. You can also add guardians later.</source>
        <translation>Högst två vårdnadshavare. En vårdnadshavare som redan är registrerad kopplas till ärendet och registreras inte igen. Du kan också lägga till vårdnadshavare senare.</translation>
    </message>
    <message>
        <source>Guardian &amp;1</source>
        <translation>Vårdnadshavare &amp;1</translation>
    </message>
    <message>
        <source>Guardian &amp;2</source>
        <translation>Vårdnadshavare &amp;2</translation>
    </message>
    <message>
        <source>A guardian cannot have the same personnummer as the child or the other guardian.</source>
        <translation>En vårdnadshavare kan inte ha samma personnummer som barnet eller den andra vårdnadshavaren.</translation>
    </message>
    <message>
        <source>No guardian is registered for this child. The consent needs the guardians' signatures (or a reason why one signs alone). Press Next again to go on without guardians; you can add them later.</source>
        <translation>Ingen vårdnadshavare är registrerad för barnet. Samtycket behöver vårdnadshavarnas underskrifter (eller ett skäl till att en skriver under ensam). Tryck Nästa igen för att fortsätta utan vårdnadshavare; du kan lägga till dem senare.</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flaggor</translation>
    </message>
    <message>
        <source>Case history</source>
        <translation>Ärendehistorik</translation>
    </message>
    <message>
        <source>Every read and change of the case is logged; reading this history is logged too.</source>
        <translation>Varje läsning och ändring i ärendet loggas; även läsning av den här historiken loggas.</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>Register incident</source>
        <translation>Registrera händelse</translation>
    </message>
    <message>
        <source>Correct incident</source>
        <translation>Rätta händelse</translation>
    </message>
    <message>
        <source>Time of day &amp;known</source>
        <translation>Klockslag kän&amp;t</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>T&amp;ill</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>okänt</translation>
    </message>
    <message>
        <source>Re&amp;ported to the police</source>
        <translation>Polisan&amp;mäld</translation>
    </message>
    <message>
        <source>What happened, without names or personnummer.</source>
        <translation>Vad hände? Utan namn eller personnummer.</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Kategori</translation>
    </message>
    <message>
        <source>S&amp;ubcategory</source>
        <translation>&amp;Underkategori</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>&amp;Område</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>&amp;Plats</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>&amp;Reported by</source>
        <translation>&amp;Rapporterad av</translation>
    </message>
    <message>
        <source>Number of &amp;people</source>
        <translation>Anta&amp;l personer</translation>
    </message>
    <message>
        <source>D&amp;escription</source>
        <translation>&amp;Beskrivning</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <source>Save and &amp;next</source>
        <translation>Spara och &amp;nästa</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <source>Press Save again to save anyway, or change the report.</source>
        <translation>Tryck Spara igen för att spara ändå, eller ändra rapporten.</translation>
    </message>
    <message>
        <source>Saved: %1, %2, %3</source>
        <translation>Sparad: %1, %2, %3</translation>
    </message>
</context>
<context>
    <name>IncidentListDialog</name>
    <message>
        <source>Incidents: %1</source>
        <translation>Händelser: %1</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Rapporterad av</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Polisanmäld</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Händelser</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>&amp;Rätta…</translation>
    </message>
    <message>
        <source>%1 of %2 incidents shown</source>
        <translation>%1 av %2 händelser visas</translation>
    </message>
</context>
<context>
    <name>InstrumentDialog</name>
    <message>
        <source>Add instrument reference</source>
        <translation>Lägg till instrumentresultat</translation>
    </message>
    <message>
        <source>&amp;Instrument:</source>
        <translation>&amp;Instrument:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>A&amp;ssessor:</source>
        <translation>&amp;Bedömare:</translation>
    </message>
    <message>
        <source>&amp;Overall risk:</source>
        <translation>&amp;Samlad risk:</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Låg</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Måttlig</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hög</translation>
    </message>
    <message>
        <source>S&amp;ummary or link:</source>
        <translation>Sammanfattning eller &amp;länk:</translation>
    </message>
    <message>
        <source>Name the assessor.</source>
        <translation>Ange bedömaren.</translation>
    </message>
</context>
<context>
    <name>Integrity</name>
    <message>
        <source>A database already exists at that path. Restore to a new file name.</source>
        <translation>Det finns redan en databas på den sökvägen. Återställ till ett nytt filnamn.</translation>
    </message>
    <message>
        <source>A file already exists at that path. Choose a new name.</source>
        <translation>Det finns redan en fil på den sökvägen. Välj ett nytt namn.</translation>
    </message>
    <message>
        <source>The folder does not exist.</source>
        <translation>Mappen finns inte.</translation>
    </message>
    <message>
        <source>Give an administrator's user name and password, or the recovery code.</source>
        <translation>Ange en administratörs användarnamn och lösenord, eller återställningskoden.</translation>
    </message>
    <message>
        <source>The backup copy failed its integrity check. Try an older backup.</source>
        <translation>Säkerhetskopian klarade inte integritetskontrollen. Prova en äldre säkerhetskopia.</translation>
    </message>
    <message>
        <source>The audit log inside the backup is broken. Try an older backup and contact IT.</source>
        <translation>Loggen i säkerhetskopian är skadad. Prova en äldre säkerhetskopia och kontakta IT.</translation>
    </message>
    <message>
        <source>The file is not a readable Trygg backup.</source>
        <translation>Filen är inte en läsbar säkerhetskopia från Trygg.</translation>
    </message>
    <message>
        <source>The backup did not read back correctly and was removed. Check the disk and try again.</source>
        <translation>Säkerhetskopian kunde inte läsas tillbaka korrekt och har tagits bort. Kontrollera disken och försök igen.</translation>
    </message>
    <message>
        <source>The key file has no recovery slot, so a backup could never be restored. Contact IT.</source>
        <translation>Nyckelfilen saknar plats för återställningskoden, så en säkerhetskopia skulle aldrig kunna återställas. Kontakta IT.</translation>
    </message>
    <message>
        <source>The password or recovery code does not open this backup. Only administrators at the time of the backup, and the recovery code, can open it.</source>
        <translation>Lösenordet eller återställningskoden öppnar inte den här säkerhetskopian. Bara de som var administratörer när säkerhetskopian gjordes, och återställningskoden, kan öppna den.</translation>
    </message>
    <message>
        <source>The file is not a Trygg backup.</source>
        <translation>Filen är inte en säkerhetskopia från Trygg.</translation>
    </message>
    <message>
        <source>The backup file is incomplete (cut off).</source>
        <translation>Säkerhetskopiefilen är ofullständig (avklippt).</translation>
    </message>
    <message>
        <source>The backup was made by a newer version of Trygg Desktop.</source>
        <translation>Säkerhetskopian har skapats av en nyare version av Trygg Desktop.</translation>
    </message>
    <message>
        <source>The backup file was not found.</source>
        <translation>Säkerhetskopiefilen hittades inte.</translation>
    </message>
    <message>
        <source>A recovery code has 26 letters and digits (dashes and spaces are ignored).</source>
        <translation>En återställningskod har 26 bokstäver och siffror (bindestreck och mellanslag ignoreras).</translation>
    </message>
    <message>
        <source>The database failed its integrity check, so it was not backed up (a damaged copy would push good backups out). Restore the newest backup or contact IT.</source>
        <translation>Databasen klarade inte integritetskontrollen och säkerhetskopierades därför inte (en skadad kopia skulle tränga undan fungerande säkerhetskopior). Återställ den senaste säkerhetskopian eller kontakta IT.</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <source>New journal entry</source>
        <translation>Ny journalanteckning</translation>
    </message>
    <message>
        <source>Save entry</source>
        <translation>Spara anteckning</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Visibility:</source>
        <translation>&amp;Synlighet:</translation>
    </message>
    <message>
        <source>Information &amp;category:</source>
        <translation>Uppgiftsk&amp;ategori:</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Källa:</translation>
    </message>
    <message>
        <source>e.g. mentor, guardian, own observation</source>
        <translation>t.ex. mentor, vårdnadshavare, egen iakttagelse</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <source>Only your own agency sees this entry.</source>
        <translation>Bara din egen myndighet ser den här anteckningen.</translation>
    </message>
    <message>
        <source>The agencies the consent covers see this entry, if it covers the information category.</source>
        <translation>De myndigheter som samtycket omfattar ser anteckningen, om samtycket omfattar uppgiftskategorin.</translation>
    </message>
    <message>
        <source>Write the entry.</source>
        <translation>Skriv anteckningen.</translation>
    </message>
</context>
<context>
    <name>JournalTab</name>
    <message>
        <source>&amp;New entry…</source>
        <translation>&amp;Ny anteckning…</translation>
    </message>
    <message>
        <source>&amp;Correct entry…</source>
        <translation>&amp;Rätta anteckning…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Skriven av</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Visibility</source>
        <translation>Synlighet</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Rättelse</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Journal entries</source>
        <translation>Journalanteckningar</translation>
    </message>
    <message>
        <source>No journal entries that you may see.</source>
        <translation>Det finns inga journalanteckningar som du får se.</translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation>Anteckningens text</translation>
    </message>
    <message>
        <source>Corrected – see entry %1</source>
        <translation>Rättad – se anteckning %1</translation>
    </message>
    <message>
        <source>Corrects entry %1</source>
        <translation>Rättar anteckning %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Källa: %1</translation>
    </message>
    <message>
        <source>Written %1</source>
        <translation>Skriven %1</translation>
    </message>
    <message>
        <source>Some entries are not shown: they are internal to another agency or outside what the consent covers for you.</source>
        <translation>Vissa anteckningar visas inte: de är myndighetsinterna hos en annan myndighet eller ligger utanför vad samtycket omfattar för dig.</translation>
    </message>
</context>
<context>
    <name>LegalHoldDialog</name>
    <message>
        <source>Set legal hold</source>
        <translation>Registrera bevarandebeslut</translation>
    </message>
    <message>
        <source>A case under legal hold is never disposed, whatever the retention rule says. Only the archive manager can lift the hold. Write why, without names or personal identity numbers.</source>
        <translation>Ett ärende med bevarandebeslut gallras aldrig, oavsett vad gallringsregeln säger. Bara arkivansvarig kan häva beslutet. Skriv varför, utan namn eller personnummer.</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Ärendenummer</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>Case &amp;reference:</source>
        <translation>Ä&amp;rendenummer:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>S&amp;käl:</translation>
    </message>
    <message>
        <source>Give the case reference and a reason.</source>
        <translation>Ange ärendenummer och skäl.</translation>
    </message>
    <message>
        <source>The reason may be at most 500 characters.</source>
        <translation>Skälet får vara högst 500 tecken.</translation>
    </message>
</context>
<context>
    <name>LogReview</name>
    <message>
        <source>Save anchor copy</source>
        <translation>Spara kopia av ankarpunkter</translation>
    </message>
    <message>
        <source>Anchor lists (*.anchors)</source>
        <translation>Ankarpunktslistor (*.anchors)</translation>
    </message>
    <message>
        <source>%1 anchor(s) saved in %2. Keep the file outside this computer, e.g. on a USB stick in the safe.</source>
        <translation>%1 ankarpunkt(er) har sparats i %2. Förvara filen utanför den här datorn, t.ex. på ett USB-minne i kassaskåpet.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Granskning</translation>
    </message>
    <message>
        <source>Log views</source>
        <translation>Loggvyer</translation>
    </message>
    <message>
        <source>Outside unit</source>
        <translation>Utanför enhet</translation>
    </message>
    <message>
        <source>No assignment</source>
        <translation>Ingen tilldelning</translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation>Skyddade personuppgifter</translation>
    </message>
    <message>
        <source>Print/export</source>
        <translation>Utskrift/export</translation>
    </message>
    <message>
        <source>Unusual hours</source>
        <translation>Ovanliga tider</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Misslyckad inloggning</translation>
    </message>
    <message>
        <source>Emergency access</source>
        <translation>Nödåtkomst</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Nekad</translation>
    </message>
</context>
<context>
    <name>LogReviewPanel</name>
    <message>
        <source>The monthly log review: go through the period's events, look closer at the flagged ones, then sign the review off. Signing off saves the log's current end point as an anchor outside the database.</source>
        <translation>Den månatliga logggranskningen: gå igenom periodens händelser, titta närmare på de flaggade och signera sedan granskningen. När du signerar sparas loggens aktuella slutpunkt som en ankarpunkt utanför databasen.</translation>
    </message>
    <message>
        <source>Counts per flag</source>
        <translation>Antal per flagga</translation>
    </message>
    <message>
        <source>Reviewed events</source>
        <translation>Granskade händelser</translation>
    </message>
    <message>
        <source>Previous reviews</source>
        <translation>Tidigare granskningar</translation>
    </message>
    <message>
        <source>No review has been signed off yet. Sign off each month's review when you have gone through it.</source>
        <translation>Ingen granskning har signerats ännu. Signera varje månads granskning när du har gått igenom den.</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Beviljad</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Syfte</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>Emergency access in the period</source>
        <translation>Nödåtkomst under perioden</translation>
    </message>
    <message>
        <source>Emergency access in the period (with the reasons given)</source>
        <translation>Nödåtkomst under perioden (med angivna skäl)</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>&amp;Från:</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Från datum</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Till:</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Till datum</translation>
    </message>
    <message>
        <source>F&amp;lagged only</source>
        <translation>Bara f&amp;laggade</translation>
    </message>
    <message>
        <source>Flagged only</source>
        <translation>Bara flaggade</translation>
    </message>
    <message>
        <source>any user</source>
        <translation>alla användare</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>any person (personnummer)</source>
        <translation>alla personer (personnummer)</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>any case (case reference)</source>
        <translation>alla ärenden (ärendenummer)</translation>
    </message>
    <message>
        <source>&amp;Case:</source>
        <translation>Ä&amp;rende:</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Ärendenummer</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>Report (&amp;PDF)…</source>
        <translation>&amp;Rapport (PDF)…</translation>
    </message>
    <message>
        <source>Sign &amp;off review…</source>
        <translation>&amp;Signera granskningen…</translation>
    </message>
    <message>
        <source>Save &amp;anchor copy…</source>
        <translation>Spara k&amp;opia av ankarpunkter…</translation>
    </message>
    <message>
        <source>Save every anchor to a file to keep outside this computer.</source>
        <translation>Spara alla ankarpunkter i en fil som förvaras utanför den här datorn.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Perioden slutar innan den börjar.</translation>
    </message>
    <message>
        <source>That is not a valid personnummer.</source>
        <translation>Det är inte ett giltigt personnummer.</translation>
    </message>
    <message>
        <source>No person with that personnummer is registered.</source>
        <translation>Ingen person med det personnumret är registrerad.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in the period</source>
        <translation>
            <numerusform>%n händelse under perioden</numerusform>
            <numerusform>%n händelser under perioden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flagged</source>
        <translation>
            <numerusform>%n flaggad</numerusform>
            <numerusform>%n flaggade</numerusform>
        </translation>
    </message>
    <message>
        <source>only the first %1 are listed: narrow the filters</source>
        <translation>bara de %1 första visas: begränsa filtren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Trygg Desktop</source>
        <extracomment>How often a window on a shared server database asks whether a colleague changed something.</extracomment>
        <translation>Trygg Desktop</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigering</translation>
    </message>
    <message>
        <source>The server does not answer; changes by colleagues are not shown until it does.</source>
        <translation>Servern svarar inte; kollegornas ändringar visas inte förrän den gör det.</translation>
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
        <source>Follow-up</source>
        <extracomment>Which chart follows which table (as in the PDF).</extracomment>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>EST</source>
        <extracomment>How many periods of each kind the period list offers, newest first.</extracomment>
        <translation>EST</translation>
    </message>
    <message>
        <source>Gallring</source>
        <translation>Gallring</translation>
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
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Säkerhetskopiera nu…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Återställ från säkerhetskopia…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>The restored database opens the next time Trygg Desktop starts: %1</source>
        <translation>Den återställda databasen öppnas nästa gång Trygg Desktop startar: %1</translation>
    </message>
    <message>
        <source>&amp;Open it at the next start</source>
        <translation>&amp;Öppna den vid nästa start</translation>
    </message>
</context>
<context>
    <name>MeetingActionDialog</name>
    <message>
        <source>Action decided in the meeting</source>
        <translation>Åtgärd som beslutats på mötet</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>Lägg till åtgärd</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Åtgärd:</translation>
    </message>
    <message>
        <source>Action type</source>
        <translation>Åtgärdstyp</translation>
    </message>
    <message>
        <source>– choose –</source>
        <translation>– välj –</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Responsible agency</source>
        <translation>Ansvarig myndighet</translation>
    </message>
    <message>
        <source>Responsible a&amp;gency:</source>
        <translation>Ansvarig myn&amp;dighet:</translation>
    </message>
    <message>
        <source>Responsible colleague</source>
        <translation>Ansvarig kollega</translation>
    </message>
    <message>
        <source>Responsible &amp;colleague:</source>
        <translation>Ansvarig &amp;kollega:</translation>
    </message>
    <message>
        <source>Responsible &amp;person:</source>
        <translation>Ansvarig &amp;person:</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Ansvarig person</translation>
    </message>
    <message>
        <source>Name and organisation, e.g. Mentor, Tureberg school</source>
        <translation>Namn och organisation, t.ex. mentor, Turebergsskolan</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <source>&amp;Due by:</source>
        <translation>Klart &amp;senast:</translation>
    </message>
    <message>
        <source>&amp;Follow up on</source>
        <translation>&amp;Följs upp den</translation>
    </message>
    <message>
        <source>Set a follow-up date</source>
        <translation>Ange uppföljningsdatum</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Uppföljningsdatum</translation>
    </message>
    <message>
        <source>– the agency (no named colleague) –</source>
        <translation>– myndigheten (ingen namngiven kollega) –</translation>
    </message>
    <message>
        <source>Describe the action.</source>
        <translation>Beskriv åtgärden.</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Protocol sections</source>
        <translation>Protokollets delar</translation>
    </message>
    <message>
        <source>‹ &amp;Back to meetings</source>
        <translation>‹ &amp;Tillbaka till mötena</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Preview, print or save the protocol, also per recipient (Ctrl+P).</source>
        <translation>Förhandsgranska, skriv ut eller spara protokollet, även som mottagarversion (Ctrl+P).</translation>
    </message>
    <message>
        <source>Send for &amp;approval</source>
        <translation>Skicka för &amp;justering</translation>
    </message>
    <message>
        <source>The draft is locked for editing while it is being approved.</source>
        <translation>Utkastet är låst för redigering medan det justeras.</translation>
    </message>
    <message>
        <source>Send bac&amp;k to draft</source>
        <translation>Skicka tillbaka till ut&amp;kast</translation>
    </message>
    <message>
        <source>Appro&amp;ve (justera)…</source>
        <translation>Justera &amp;protokollet…</translation>
    </message>
    <message>
        <source>Add co&amp;rrection…</source>
        <translation>Lägg till &amp;rättelse…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Role in the meeting</source>
        <translation>Roll i mötet</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Närvaro</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Närvarande</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Frånvarande</translation>
    </message>
    <message>
        <source>Part note</source>
        <translation>Delvis närvaro</translation>
    </message>
    <message>
        <source>Add a&amp;ttendee…</source>
        <translation>Lägg till &amp;deltagare…</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Åtgärder</translation>
    </message>
    <message>
        <source>Add a&amp;ction…</source>
        <translation>Lägg till &amp;åtgärd…</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Tillagd</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Rättelse</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>Rättelser</translation>
    </message>
    <message>
        <source>Corrections and additions made after approval. The approved text is kept.</source>
        <translation>Rättelser och tillägg som gjorts efter justeringen. Den justerade texten finns kvar.</translation>
    </message>
    <message>
        <source>Draft: the protocol can be edited.</source>
        <translation>Utkast: protokollet kan redigeras.</translation>
    </message>
    <message>
        <source>Awaiting approval: send it back to the draft to change anything.</source>
        <translation>Väntar på justering: skicka tillbaka det till utkast för att ändra något.</translation>
    </message>
    <message>
        <source>Approved and locked. Changes are added as corrections.</source>
        <translation>Justerat och låst. Ändringar läggs till som rättelser.</translation>
    </message>
    <message>
        <source>The case has no action plan yet: the first action creates one.</source>
        <translation>Ärendet har ingen åtagandeplan ännu: den första åtgärden skapar en.</translation>
    </message>
    <message>
        <source>Action plan version %1, valid from %2.</source>
        <translation>Åtagandeplan version %1, gäller från %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) of other agencies are not shown.</source>
        <translation>
            <numerusform>%n åtgärd från andra myndigheter visas inte.</numerusform>
            <numerusform>%n åtgärder från andra myndigheter visas inte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only agencies covered by the consent may attend: %1.</source>
        <translation>Bara myndigheter som omfattas av samtycket får delta: %1.</translation>
    </message>
    <message>
        <source>Your role (%1) may approve the protocol but not print it: the chair or the secretary prints it.</source>
        <translation>Din roll (%1) får justera protokollet men inte skriva ut det: ordföranden eller sekreteraren skriver ut det.</translation>
    </message>
    <message>
        <source>Your role (%1) may read the protocol but not print it: the chair or the secretary prints it.</source>
        <translation>Din roll (%1) får läsa protokollet men inte skriva ut det: ordföranden eller sekreteraren skriver ut det.</translation>
    </message>
    <message>
        <source>Attendance (%1)</source>
        <translation>Närvaro (%1)</translation>
    </message>
    <message>
        <source>Agenda (%1)</source>
        <translation>Dagordning (%1)</translation>
    </message>
    <message>
        <source>Actions (%1)</source>
        <translation>Åtgärder (%1)</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>Nästa möte</translation>
    </message>
    <message>
        <source>Corrections (%1)</source>
        <translation>Rättelser (%1)</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <source>&amp;New meeting…</source>
        <translation>&amp;Nytt möte…</translation>
    </message>
    <message>
        <source>New &amp;EST meeting…</source>
        <translation>Nytt &amp;EST-möte…</translation>
    </message>
    <message>
        <source>The weekly situation picture meeting; its agenda is drafted from the picture.</source>
        <translation>Veckans lägesbildsmöte; dagordningen tas fram ur lägesbilden.</translation>
    </message>
    <message>
        <source>Meeting type</source>
        <translation>Mötestyp</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alla typer</translation>
    </message>
    <message>
        <source>Upcoming or past</source>
        <translation>Kommande eller tidigare</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Kommande</translation>
    </message>
    <message>
        <source>Past</source>
        <translation>Tidigare</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Alla datum</translation>
    </message>
    <message>
        <source>Filter meetings</source>
        <translation>Filtrera möten</translation>
    </message>
    <message>
        <source>Case reference, name or place</source>
        <translation>Ärendenummer, namn eller plats</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>N&amp;är:</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum och tid</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Group level</source>
        <translation>Gruppnivå</translation>
    </message>
    <message>
        <source>Young person</source>
        <translation>Den unge</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n möte</numerusform>
            <numerusform>%n möten</numerusform>
        </translation>
    </message>
    <message>
        <source>No meetings yet. Create one with "New meeting".</source>
        <translation>Inga möten ännu. Skapa ett med ”Nytt möte”.</translation>
    </message>
    <message>
        <source>No meetings match the filter.</source>
        <translation>Inga möten matchar filtret.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>The agenda item has unsaved changes. Leave without saving?</source>
        <translation>Paragrafen har osparade ändringar. Vill du lämna den utan att spara?</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>&amp;Book meeting…</source>
        <translation>Boka &amp;möte…</translation>
    </message>
    <message>
        <source>A network or follow-up meeting about this case</source>
        <translation>Ett nätverks- eller uppföljningsmöte om ärendet</translation>
    </message>
    <message>
        <source>&amp;Open meeting</source>
        <translation>&amp;Öppna möte</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Anonymised</source>
        <translation>Avidentifierat</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Meetings of the case</source>
        <translation>Ärendets möten</translation>
    </message>
    <message>
        <source>No meetings yet. Book the first with "Book meeting…".</source>
        <translation>Inga möten ännu. Boka det första med ”Boka möte…”.</translation>
    </message>
    <message>
        <source>No meetings yet.</source>
        <translation>Inga möten ännu.</translation>
    </message>
</context>
<context>
    <name>NewCaseWizard</name>
    <message>
        <source>New case</source>
        <translation>Nytt ärende</translation>
    </message>
    <message>
        <source>&amp;Register case</source>
        <translation>&amp;Registrera ärende</translation>
    </message>
</context>
<context>
    <name>NewConsentDialog</name>
    <message>
        <source>New consent</source>
        <translation>Nytt samtycke</translation>
    </message>
    <message>
        <source>Create consent</source>
        <translation>Skapa samtycke</translation>
    </message>
    <message>
        <source>Name every agency and every kind of information the consent covers. The consent becomes valid when all required signatures are registered.</source>
        <translation>Ange varje myndighet och varje typ av uppgifter som samtycket omfattar. Samtycket blir giltigt när alla underskrifter som krävs har registrerats.</translation>
    </message>
    <message>
        <source>SSPF collaboration about %1</source>
        <translation>SSPF-samverkan kring %1</translation>
    </message>
    <message>
        <source>Exchange of information about %1</source>
        <translation>Informationsutbyte om %1</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Syfte:</translation>
    </message>
    <message>
        <source>Organisation: %1</source>
        <translation>Organisation: %1</translation>
    </message>
    <message>
        <source>Named organisation, e.g. school, unit or police area</source>
        <translation>Namngiven organisation, t.ex. skola, enhet eller lokalpolisområde</translation>
    </message>
    <message>
        <source>&amp;Agencies:</source>
        <translation>&amp;Myndigheter:</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Myndigheter</translation>
    </message>
    <message>
        <source>Health information is shared only when it is explicitly listed.</source>
        <translation>Hälsouppgifter delas bara om de uttryckligen anges.</translation>
    </message>
    <message>
        <source>&amp;Information:</source>
        <translation>&amp;Uppgifter:</translation>
    </message>
    <message>
        <source>Information categories</source>
        <translation>Uppgiftskategorier</translation>
    </message>
    <message>
        <source>Valid &amp;from:</source>
        <translation>Giltigt &amp;från:</translation>
    </message>
    <message>
        <source>Valid &amp;to:</source>
        <translation>Giltigt &amp;till:</translation>
    </message>
    <message>
        <source>&amp;Custody:</source>
        <translation>&amp;Vårdnad:</translation>
    </message>
    <message>
        <source>Joint custody – both guardians sign</source>
        <translation>Gemensam vårdnad – båda vårdnadshavarna skriver under</translation>
    </message>
    <message>
        <source>&amp;Exception:</source>
        <translation>Un&amp;dantag:</translation>
    </message>
    <message>
        <source>Documented exception, e.g. sole custody by court decision</source>
        <translation>Dokumenterat undantag, t.ex. ensam vårdnad enligt domstolsbeslut</translation>
    </message>
    <message>
        <source>The young person's &amp;opinion:</source>
        <translation>Den unges &amp;inställning:</translation>
    </message>
    <message>
        <source>Write the purpose of the consent.</source>
        <translation>Skriv samtyckets syfte.</translation>
    </message>
    <message>
        <source>Choose the agencies the consent covers.</source>
        <translation>Välj de myndigheter som samtycket omfattar.</translation>
    </message>
    <message>
        <source>Choose the kinds of information the consent covers.</source>
        <translation>Välj de typer av uppgifter som samtycket omfattar.</translation>
    </message>
    <message>
        <source>The consent must end after it starts.</source>
        <translation>Samtycket måste upphöra efter att det har börjat gälla.</translation>
    </message>
</context>
<context>
    <name>NewEstMeetingDialog</name>
    <message>
        <source>New EST meeting</source>
        <translation>Nytt EST-möte</translation>
    </message>
    <message>
        <source>The period of the situation picture: a week (2026-W49), a month (2026-11), a tertial (2026-T3) or a year.</source>
        <translation>Lägesbildens period: en vecka (2026-W49), en månad (2026-11), ett tertial (2026-T3) eller ett år.</translation>
    </message>
    <message>
        <source>(the chair approves)</source>
        <translation>(ordföranden justerar)</translation>
    </message>
    <message>
        <source>&amp;Starts</source>
        <translation>&amp;Börjar</translation>
    </message>
    <message>
        <source>&amp;Ends</source>
        <translation>Slu&amp;tar</translation>
    </message>
    <message>
        <source>Situation &amp;picture of</source>
        <translation>&amp;Lägesbild för</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>Pl&amp;ats</translation>
    </message>
    <message>
        <source>&amp;Adjuster (justerare)</source>
        <translation>&amp;Justerare</translation>
    </message>
    <message>
        <source>The agenda is drafted from the situation picture: the areas above the thresholds, the follow-up of earlier actions, decisions, priorities for the weekend.</source>
        <translation>Dagordningen tas fram ur lägesbilden: områdena över tröskelvärdena, uppföljningen av tidigare åtgärder, beslut och prioriteringar inför helgen.</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <source>New meeting</source>
        <extracomment>A new meeting lasts this long unless the user sets another end (the end follows the start).</extracomment>
        <translation>Nytt möte</translation>
    </message>
    <message>
        <source>Create meeting</source>
        <translation>Skapa möte</translation>
    </message>
    <message>
        <source>&amp;Open the consent tab</source>
        <translation>&amp;Öppna fliken Samtycke</translation>
    </message>
    <message>
        <source>Register or renew the consent of the case, then book the meeting</source>
        <translation>Registrera eller förnya ärendets samtycke och boka sedan mötet</translation>
    </message>
    <message>
        <source>&amp;Case meeting (named youth)</source>
        <translation>&amp;Ärendemöte (namngiven ungdom)</translation>
    </message>
    <message>
        <source>&amp;Group level (anonymised)</source>
        <translation>&amp;Gruppnivå (avidentifierat)</translation>
    </message>
    <message>
        <source>Meeting about:</source>
        <translation>Mötet gäller:</translation>
    </message>
    <message>
        <source>Search case by reference or name</source>
        <translation>Sök ärende på ärendenummer eller namn</translation>
    </message>
    <message>
        <source>Reference (e.g. SSPF-2026-0001) or name</source>
        <translation>Ärendenummer (t.ex. SSPF-2026-0001) eller namn</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>&amp;Sök</translation>
    </message>
    <message>
        <source>&amp;Find case:</source>
        <translation>&amp;Hitta ärende:</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>C&amp;ase:</source>
        <translation>Ä&amp;rende:</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>&amp;Enhet:</translation>
    </message>
    <message>
        <source>Meeting type</source>
        <translation>Mötestyp</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Start date and time</source>
        <translation>Startdatum och tid</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Börjar:</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Sluttid</translation>
    </message>
    <message>
        <source>&amp;Ends at:</source>
        <translation>S&amp;lutar:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Pl&amp;ats:</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Room or school (no address if identity is protected)</source>
        <translation>Lokal eller skola (ingen adress vid skyddade personuppgifter)</translation>
    </message>
    <message>
        <source>No open case matches that search.</source>
        <translation>Inget öppet ärende matchar sökningen.</translation>
    </message>
    <message>
        <source>The meeting ends before it starts. Set an end time after %1.</source>
        <translation>Mötet slutar innan det börjar. Ange en sluttid efter %1.</translation>
    </message>
    <message>
        <source>Search for the case and choose it first.</source>
        <translation>Sök fram ärendet och välj det först.</translation>
    </message>
</context>
<context>
    <name>NextMeetingPanel</name>
    <message>
        <source>A next meeting is &amp;decided</source>
        <translation>Nästa möte är &amp;bestämt</translation>
    </message>
    <message>
        <source>Next meeting decided</source>
        <translation>Nästa möte bestämt</translation>
    </message>
    <message>
        <source>Next meeting date and time</source>
        <translation>Datum och tid för nästa möte</translation>
    </message>
    <message>
        <source>Next meeting place</source>
        <translation>Plats för nästa möte</translation>
    </message>
    <message>
        <source>Guardians informed</source>
        <translation>Vårdnadshavare informerade</translation>
    </message>
    <message>
        <source>Date and how, e.g. 2026-11-23 by phone</source>
        <translation>Datum och hur, t.ex. 2026-11-23 per telefon</translation>
    </message>
    <message>
        <source>&amp;Guardians informed of the decisions:</source>
        <translation>&amp;Vårdnadshavare informerade om besluten:</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>N&amp;är:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Pl&amp;ats:</translation>
    </message>
</context>
<context>
    <name>NextSteps</name>
    <message>
        <source>Next step</source>
        <extracomment>A TREFAS risk level older than this is due again: the group meets every third week and goes through the lägesbild (DOMAIN 3.2). Avhoppare statuses from which the support plan is due (the investigation prepares the decision and the plan, DOMAIN 4.2 phases 4-5), and from which follow-up meetings are (phases 5-7).</extracomment>
        <translation>Nästa steg</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>Nästa steg:</translation>
    </message>
    <message>
        <source>Consent has expired</source>
        <translation>Samtycket har gått ut</translation>
    </message>
    <message>
        <source>Consent is revoked</source>
        <translation>Samtycket är återkallat</translation>
    </message>
    <message>
        <source>Consent missing</source>
        <translation>Samtycke saknas</translation>
    </message>
    <message>
        <source>Register consent</source>
        <translation>Registrera samtycke</translation>
    </message>
    <message>
        <source>Risk level not reassessed</source>
        <translation>Risknivån är inte omprövad</translation>
    </message>
    <message>
        <source>No risk level</source>
        <translation>Ingen risknivå</translation>
    </message>
    <message>
        <source>Add risk level</source>
        <translation>Lägg till risknivå</translation>
    </message>
    <message>
        <source>Threat assessment due for review</source>
        <translation>Hotbedömningen ska omprövas</translation>
    </message>
    <message>
        <source>No threat assessment</source>
        <translation>Ingen hotbedömning</translation>
    </message>
    <message>
        <source>Add threat assessment</source>
        <translation>Lägg till hotbedömning</translation>
    </message>
    <message>
        <source>Consent not signed by everyone</source>
        <translation>Samtycket är inte undertecknat av alla</translation>
    </message>
    <message>
        <source>Register signature</source>
        <translation>Registrera underskrift</translation>
    </message>
    <message>
        <source>No kartläggning</source>
        <translation>Ingen kartläggning</translation>
    </message>
    <message>
        <source>Kartläggning</source>
        <translation>Kartläggning</translation>
    </message>
    <message>
        <source>No action plan</source>
        <translation>Ingen handlingsplan</translation>
    </message>
    <message>
        <source>Plan and actions</source>
        <translation>Plan och åtgärder</translation>
    </message>
    <message>
        <source>No meeting booked</source>
        <translation>Inget möte bokat</translation>
    </message>
    <message>
        <source>Book meeting</source>
        <translation>Boka möte</translation>
    </message>
    <message>
        <source>Conditions not signed</source>
        <translation>Villkoren är inte undertecknade</translation>
    </message>
    <message>
        <source>Set conditions</source>
        <translation>Ange villkor</translation>
    </message>
    <message>
        <source>needs a valid consent first</source>
        <translation>kräver först ett giltigt samtycke</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Referral</source>
        <translation>Aktualisering</translation>
    </message>
    <message>
        <source>Referral date:</source>
        <translation>Aktualiseringsdatum:</translation>
    </message>
    <message>
        <source>Referring agency:</source>
        <translation>Aktualiserande myndighet:</translation>
    </message>
    <message>
        <source>Referred by:</source>
        <translation>Aktualiserad av:</translation>
    </message>
    <message>
        <source>Concerns:</source>
        <translation>Grund för oro:</translation>
    </message>
    <message>
        <source>Urgency:</source>
        <translation>Brådskandegrad:</translation>
    </message>
    <message>
        <source>Report of concern:</source>
        <translation>Orosanmälan:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Miljö:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beskrivning:</translation>
    </message>
    <message>
        <source>Young person</source>
        <translation>Den unge</translation>
    </message>
    <message>
        <source>Personal identity number:</source>
        <translation>Personnummer:</translation>
    </message>
    <message>
        <source>Born:</source>
        <translation>Född:</translation>
    </message>
    <message>
        <source>Legal gender:</source>
        <translation>Juridiskt kön:</translation>
    </message>
    <message>
        <source>School and class:</source>
        <translation>Skola och klass:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adress:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-post:</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>Show the young person's address, school and contact details</source>
        <translation>Visa den unges adress, skola och kontaktuppgifter</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Vårdnadshavare</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>Custody</source>
        <translation>Vårdnad</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <source>No guardians are registered.</source>
        <translation>Inga vårdnadshavare är registrerade.</translation>
    </message>
    <message>
        <source>Show guardians' &amp;details</source>
        <translation>Visa vårdnadshavarnas upp&amp;gifter</translation>
    </message>
    <message>
        <source>Show the guardians' address and contact details</source>
        <translation>Visa vårdnadshavarnas adress och kontaktuppgifter</translation>
    </message>
    <message>
        <source>Follow-up and responsibility</source>
        <translation>Uppföljning och ansvar</translation>
    </message>
    <message>
        <source>&amp;Assign user…</source>
        <translation>&amp;Tilldela användare…</translation>
    </message>
    <message>
        <source>Set &amp;follow-up date…</source>
        <translation>Ange &amp;uppföljningsdatum…</translation>
    </message>
    <message>
        <source>Open &amp;linked case</source>
        <translation>Öppna &amp;kopplat ärende</translation>
    </message>
    <message>
        <source>Responsible:</source>
        <translation>Ansvarig:</translation>
    </message>
    <message>
        <source>Follow-up date:</source>
        <translation>Uppföljningsdatum:</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>Avslutat:</translation>
    </message>
    <message>
        <source>Linked case:</source>
        <translation>Kopplat ärende:</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statushistorik</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Hidden (protected identity)</source>
        <translation>Dold (skyddad identitet)</translation>
    </message>
    <message>
        <source>Shows them in this view only, until the case is read again. Showing them is logged.</source>
        <translation>Visas bara i den här vyn, tills ärendet läses in igen. Att de visas loggas.</translation>
    </message>
    <message>
        <source>Only the case's responsible worker or the unit's coordinator, in the agency that owns the case, may show protected details.</source>
        <translation>Bara ärendets ansvariga handläggare eller enhetens samordnare, i den myndighet som äger ärendet, får visa skyddade uppgifter.</translation>
    </message>
    <message>
        <source>No follow-up date</source>
        <translation>Inget uppföljningsdatum</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Personnummer copied; the clipboard is cleared in 30 seconds.</source>
        <extracomment>The topics whose change makes this page read again (``Topic.ALL``: every change).</extracomment>
        <translation>Personnumret har kopierats; urklippet töms om 30 sekunder.</translation>
    </message>
</context>
<context>
    <name>PasswordPair</name>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Upprepa lösenord</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Lösenordets styrka</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>Lösenorden stämmer inte överens.</translation>
    </message>
    <message>
        <source>At least %1 characters (now %2). A few unrelated words make a good password.</source>
        <translation>Minst %1 tecken (nu %2). Några ord som inte hänger ihop ger ett bra lösenord.</translation>
    </message>
    <message>
        <source>Weak: make it longer or mix letters, digits and signs.</source>
        <translation>Svagt: gör det längre eller blanda bokstäver, siffror och tecken.</translation>
    </message>
    <message>
        <source>Fair.</source>
        <translation>Godtagbart.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Bra.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Starkt.</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>Lösenordet måste ha minst %1 tecken.</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>No personnummer known – use a &amp;reserve id</source>
        <translation>In&amp;get känt personnummer – använd reservnummer</translation>
    </message>
    <message>
        <source>No personnummer known</source>
        <translation>Inget känt personnummer</translation>
    </message>
    <message>
        <source>Reserve id</source>
        <translation>Reservnummer</translation>
    </message>
    <message>
        <source>e.g. RES-2026-001</source>
        <translation>t.ex. RES-2026-001</translation>
    </message>
    <message>
        <source>Birth date known:</source>
        <translation>Känt födelsedatum:</translation>
    </message>
    <message>
        <source>Birth date known</source>
        <translation>Känt födelsedatum</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Födelsedatum</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <source>Legal gender</source>
        <translation>Juridiskt kön</translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation>Skyddade personuppgifter</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Skola</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klass</translation>
    </message>
    <message>
        <source>&amp;Personnummer:</source>
        <translation>&amp;Personnummer:</translation>
    </message>
    <message>
        <source>Reser&amp;ve id:</source>
        <translation>Reserv&amp;nummer:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Förnamn:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Efternamn:</translation>
    </message>
    <message>
        <source>Legal &amp;gender:</source>
        <translation>Juridiskt &amp;kön:</translation>
    </message>
    <message>
        <source>Pro&amp;tected identity:</source>
        <translation>Skyddade person&amp;uppgifter:</translation>
    </message>
    <message>
        <source>Cla&amp;ss:</source>
        <translation>K&amp;lass:</translation>
    </message>
    <message>
        <source>Sc&amp;hool:</source>
        <translation>&amp;Skola:</translation>
    </message>
    <message>
        <source>This person may already be registered. Pick the existing person instead of registering a new one:</source>
        <translation>Personen kan redan vara registrerad. Välj den befintliga personen i stället för att registrera en ny:</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Möjliga dubbletter</translation>
    </message>
    <message>
        <source>&amp;Use the selected person</source>
        <translation>&amp;Använd den valda personen</translation>
    </message>
    <message>
        <source>Register a &amp;new person instead</source>
        <translation>Registrera en n&amp;y person i stället</translation>
    </message>
    <message>
        <source>Address, school and placement are never printed and are shown only to the case owner.</source>
        <translation>Adress, skola och placering skrivs aldrig ut och visas bara för den ärendeansvarige.</translation>
    </message>
    <message>
        <source>Existing person: %1 (%2)</source>
        <translation>Befintlig person: %1 (%2)</translation>
    </message>
    <message>
        <source>Select a person in the list first.</source>
        <translation>Välj en person i listan först.</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Type the personnummer first: a person who is already registered is suggested.</source>
        <translation>Skriv personnumret först: en person som redan är registrerad föreslås då.</translation>
    </message>
</context>
<context>
    <name>PersonTableModel</name>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Födelsedatum</translation>
    </message>
    <message>
        <source>Protected identity</source>
        <translation>Skyddade personuppgifter</translation>
    </message>
    <message>
        <source>Reserve id %1</source>
        <translation>Reservnummer %1</translation>
    </message>
</context>
<context>
    <name>PersonnummerEdit</name>
    <message>
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>Valid samordningsnummer</source>
        <translation>Giltigt samordningsnummer</translation>
    </message>
    <message>
        <source>Valid personnummer</source>
        <translation>Giltigt personnummer</translation>
    </message>
    <message>
        <source>Format: YYYYMMDD-NNNN (all forms accepted)</source>
        <translation>Format: ÅÅÅÅMMDD-NNNN (alla skrivsätt godtas)</translation>
    </message>
</context>
<context>
    <name>PersonsPage</name>
    <message>
        <source>Persons</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Sök:</translation>
    </message>
    <message>
        <source>Search persons</source>
        <translation>Sök personer</translation>
    </message>
    <message>
        <source>Name or personnummer (at least two characters)</source>
        <translation>Namn eller personnummer (minst två tecken)</translation>
    </message>
    <message>
        <source>&amp;Register person…</source>
        <translation>&amp;Registrera person…</translation>
    </message>
    <message>
        <source>Persons found</source>
        <translation>Hittade personer</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Uppgifter</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Namn:</translation>
    </message>
    <message>
        <source>Personnummer:</source>
        <translation>Personnummer:</translation>
    </message>
    <message>
        <source>Reserve id:</source>
        <translation>Reservnummer:</translation>
    </message>
    <message>
        <source>Birth date:</source>
        <translation>Födelsedatum:</translation>
    </message>
    <message>
        <source>Legal gender:</source>
        <translation>Juridiskt kön:</translation>
    </message>
    <message>
        <source>Protected identity:</source>
        <translation>Skyddade personuppgifter:</translation>
    </message>
    <message>
        <source>School:</source>
        <translation>Skola:</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Klass:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-post:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adress:</translation>
    </message>
    <message>
        <source>Select a person to see the details.</source>
        <translation>Välj en person för att se uppgifterna.</translation>
    </message>
    <message>
        <source>Copy &amp;personnummer</source>
        <translation>Kopiera &amp;personnummer</translation>
    </message>
    <message>
        <source>Persons are reached through their cases: open a case from the case list to see the person and the guardians.</source>
        <translation>Personer nås via sina ärenden: öppna ett ärende från ärendelistan för att se personen och vårdnadshavarna.</translation>
    </message>
    <message>
        <source>Type at least two characters of a name, or a personnummer. Persons with protected identity are not shown in searches.</source>
        <translation>Skriv minst två tecken av ett namn, eller ett personnummer. Personer med skyddade personuppgifter visas inte i sökningar.</translation>
    </message>
    <message>
        <source>No persons found. Check the spelling, or register the person.</source>
        <translation>Inga personer hittades. Kontrollera stavningen eller registrera personen.</translation>
    </message>
    <message>
        <source>Protected – see the file</source>
        <translation>Skyddad – se akten</translation>
    </message>
    <message>
        <source>Protected identity: %1. Never give out address, school or placement.</source>
        <translation>Skyddade personuppgifter: %1. Lämna aldrig ut adress, skola eller placering.</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>New plan &amp;version…</source>
        <translation>Ny plan&amp;version…</translation>
    </message>
    <message>
        <source>Add &amp;goal…</source>
        <translation>Lägg till &amp;mål…</translation>
    </message>
    <message>
        <source>Add &amp;action…</source>
        <translation>Lägg till &amp;åtgärd…</translation>
    </message>
    <message>
        <source>Change action s&amp;tatus…</source>
        <translation>Ändra åtgärdens s&amp;tatus…</translation>
    </message>
    <message>
        <source>Print plan for the &amp;family…</source>
        <translation>Skriv ut plan för &amp;familjen…</translation>
    </message>
    <message>
        <source>The plan in plain language for the young person and the guardians.</source>
        <translation>Planen i ett enkelt språk för den unge och vårdnadshavarna.</translation>
    </message>
    <message>
        <source>No plan yet. The åtagandeplan is drawn up at the network meeting: goals, and for each action who does what and by when.</source>
        <translation>Ingen plan ännu. Åtagandeplanen upprättas på nätverksmötet: mål och, för varje åtgärd, vem som gör vad och när.</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <source>Baseline → target</source>
        <translation>Utgångsläge → målvärde</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>Måldatum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Åtgärder</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>försenad</translation>
    </message>
    <message>
        <source>Plan version %1, valid from %2</source>
        <translation>Planversion %1, gäller från %2</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) of other agencies are not shown: the consent does not cover them for you.</source>
        <translation>
            <numerusform>%n åtgärd från andra myndigheter visas inte: samtycket omfattar den inte för dig.</numerusform>
            <numerusform>%n åtgärder från andra myndigheter visas inte: samtycket omfattar dem inte för dig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n goal(s) are not shown: the consent does not cover their information category for you.</source>
        <translation>
            <numerusform>%n mål visas inte: samtycket omfattar inte deras informationskategori för dig.</numerusform>
            <numerusform>%n mål visas inte: samtycket omfattar inte deras informationskategori för dig.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanVersionDialog</name>
    <message>
        <source>New plan version</source>
        <translation>Ny planversion</translation>
    </message>
    <message>
        <source>A new version is made at a follow-up meeting. Goals and actions that are still open carry over.</source>
        <translation>En ny version upprättas vid ett uppföljningsmöte. Mål och åtgärder som fortfarande är öppna förs över.</translation>
    </message>
    <message>
        <source>&amp;Valid from:</source>
        <translation>&amp;Gäller från:</translation>
    </message>
    <message>
        <source>&amp;Carry over:</source>
        <translation>&amp;För över:</translation>
    </message>
    <message>
        <source>Open goals and actions</source>
        <translation>Öppna mål och åtgärder</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Name the law and section for the disclosure.</source>
        <translation>Ange lag och paragraf för utlämnandet.</translation>
    </message>
    <message>
        <source>The case has no plan to print yet.</source>
        <translation>Ärendet har ingen åtagandeplan att skriva ut ännu.</translation>
    </message>
    <message>
        <source>Printing is not available in this installation (the report module is missing). Contact IT.</source>
        <translation>Utskrift är inte tillgänglig i den här installationen (rapportmodulen saknas). Kontakta IT.</translation>
    </message>
    <message>
        <source>Print preview – protocol</source>
        <translation>Förhandsgranskning – protokoll</translation>
    </message>
    <message>
        <source>Print preview – plan for the family</source>
        <translation>Förhandsgranskning – plan för familjen</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Förhandsgranskning</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Full version (internal)</source>
        <translation>Fullständig version (intern)</translation>
    </message>
    <message>
        <source>&amp;Version for:</source>
        <translation>&amp;Version för:</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Rättslig grund</translation>
    </message>
    <message>
        <source>– choose a legal basis –</source>
        <translation>– välj lagstöd –</translation>
    </message>
    <message>
        <source>Legal &amp;basis:</source>
        <translation>Rättslig &amp;grund:</translation>
    </message>
    <message>
        <source>Law and section</source>
        <translation>Lag och paragraf</translation>
    </message>
    <message>
        <source>Law and section, e.g. OSL 10 kap. 19 §</source>
        <translation>Lag och paragraf, t.ex. 10 kap. 19 § OSL</translation>
    </message>
    <message>
        <source>Number of pages</source>
        <translation>Antal sidor</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Anpassa till bredd</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Hela sidan</translation>
    </message>
    <message>
        <source>&amp;Zoom:</source>
        <translation>&amp;Zoom:</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Print on paper (Ctrl+P). No file is made.</source>
        <translation>Skriv ut på papper (Ctrl+P). Ingen fil skapas.</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Spara som &amp;PDF…</translation>
    </message>
    <message>
        <source>Save an unencrypted PDF file (Ctrl+S).</source>
        <translation>Spara en okrypterad PDF-fil (Ctrl+S).</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Stäng</translation>
    </message>
    <message>
        <source>No valid consent covers %1. Printing or saving this version is a disclosure: choose the legal basis for it.</source>
        <translation>Inget giltigt samtycke omfattar %1. Att skriva ut eller spara den här versionen är ett utlämnande: välj lagstöd för det.</translation>
    </message>
    <message>
        <source>No valid consent covers this recipient. Nothing was printed or saved. Choose a legal basis for the disclosure, or choose another version.</source>
        <translation>Inget giltigt samtycke omfattar den här mottagaren. Ingenting har skrivits ut eller sparats. Välj en rättslig grund för utlämnandet eller välj en annan version.</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>Förbereder förhandsgranskningen…</translation>
    </message>
    <message>
        <source>%1 – needs a legal basis</source>
        <translation>%1 – kräver lagstöd</translation>
    </message>
    <message>
        <source>The document could not be shown.</source>
        <translation>Dokumentet kunde inte visas.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n sida</numerusform>
            <numerusform>%n sidor</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Skickat till skrivaren.</translation>
    </message>
    <message>
        <source>Nothing was printed: the printer did not accept the document.</source>
        <translation>Ingenting skrevs ut: skrivaren tog inte emot dokumentet.</translation>
    </message>
    <message>
        <source>The file could not be saved there. Choose another folder.</source>
        <translation>Filen kunde inte sparas där. Välj en annan mapp.</translation>
    </message>
    <message>
        <source>Saved as %1. The file is not encrypted.</source>
        <translation>Sparad som %1. Filen är inte krypterad.</translation>
    </message>
    <message>
        <source>The disclosure to %1 is recorded.</source>
        <translation>Utlämnandet till %1 har registrerats.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Trygg Desktop document</source>
        <translation>Trygg Desktop-dokument</translation>
    </message>
    <message>
        <source>The PDF file is not encrypted</source>
        <translation>PDF-filen är inte krypterad</translation>
    </message>
    <message>
        <source>The PDF file will not be encrypted and contains personal data covered by secrecy. Save it only where nobody else can read it (never on a shared or network drive, or in e-mail), and delete it when it is no longer needed.

Save the PDF?</source>
        <translation>PDF-filen krypteras inte och innehåller personuppgifter som omfattas av sekretess. Spara den bara där ingen annan kan läsa den (aldrig på en delad enhet eller nätverksenhet, eller i e-post) och radera den när den inte längre behövs.

Vill du spara PDF-filen?</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProtocolCorrectionDialog</name>
    <message>
        <source>Add correction</source>
        <translation>Lägg till rättelse</translation>
    </message>
    <message>
        <source>The approved protocol is not changed. The correction is added below it with today's date and your name.</source>
        <translation>Det justerade protokollet ändras inte. Rättelsen läggs till under det med dagens datum och ditt namn.</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Rättelse</translation>
    </message>
    <message>
        <source>&amp;Correction:</source>
        <translation>&amp;Rättelse:</translation>
    </message>
    <message>
        <source>Write the correction.</source>
        <translation>Skriv rättelsen.</translation>
    </message>
</context>
<context>
    <name>ProtocolEdits</name>
    <message>
        <source>Heading</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Your text is kept in the form; the saved version is shown in the comparison. Save again when you have merged them.</source>
        <translation>Din text finns kvar i formuläret; den sparade versionen visades i jämförelsen. Spara igen när du har fört ihop dem.</translation>
    </message>
    <message>
        <source>Next meeting saved.</source>
        <translation>Nästa möte har sparats.</translation>
    </message>
    <message>
        <source>Save the current agenda item first.</source>
        <translation>Spara den aktuella paragrafen först.</translation>
    </message>
    <message>
        <source>Approve the protocol</source>
        <translation>Justera protokollet</translation>
    </message>
    <message>
        <source>Approving locks the protocol for good. Later changes can only be added as corrections. Approve now?</source>
        <translation>Justeringen låser protokollet permanent. Senare ändringar kan bara läggas till som rättelser. Vill du justera nu?</translation>
    </message>
</context>
<context>
    <name>ProtocolHeader</name>
    <message>
        <source>Protocol status</source>
        <translation>Protokollstatus</translation>
    </message>
    <message>
        <source>%1   Place: %2</source>
        <translation>%1   Plats: %2</translation>
    </message>
    <message>
        <source>EST situation picture %1 – places and situations, no persons</source>
        <translation>EST-lägesbild %1 – platser och situationer, inga personer</translation>
    </message>
    <message>
        <source>Group level – anonymised</source>
        <translation>Gruppnivå – avidentifierat</translation>
    </message>
    <message>
        <source>%1 (anonymised discussion)</source>
        <translation>%1 (avidentifierad genomgång)</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Ärende %1</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Ordförande</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Sekreterare</translation>
    </message>
    <message>
        <source>Adjuster</source>
        <translation>Justerare</translation>
    </message>
    <message>
        <source>Approved. Content hash (SHA-256): %1</source>
        <translation>Justerat. Innehållets kontrollsumma (SHA-256): %1</translation>
    </message>
    <message>
        <source>EST: write no names or personnummer – places and situations only.</source>
        <translation>EST: skriv inga namn eller personnummer – bara platser och situationer.</translation>
    </message>
    <message>
        <source>Group level: write no names, personnummer or details that identify a young person.</source>
        <translation>Gruppnivå: skriv inga namn, personnummer eller detaljer som kan identifiera en ung person.</translation>
    </message>
</context>
<context>
    <name>RecoveryResetDialog</name>
    <message>
        <source>A recovery code has 26 letters and digits (hyphens and spaces do not matter). Check it against the printed recovery sheet.</source>
        <translation>En återställningskod har 26 bokstäver och siffror (bindestreck och mellanslag spelar ingen roll). Jämför med det utskrivna återställningsbladet.</translation>
    </message>
    <message>
        <source>There is no active user with that user name.</source>
        <translation>Det finns ingen aktiv användare med det användarnamnet.</translation>
    </message>
    <message>
        <source>The password could not be changed.</source>
        <translation>Lösenordet kunde inte ändras.</translation>
    </message>
    <message>
        <source>Reset a password with the recovery code</source>
        <translation>Återställ ett lösenord med återställningskoden</translation>
    </message>
    <message>
        <source>The recovery code is on the recovery sheet that was printed when the database was created. It sets a new password for one user; the change is logged.</source>
        <translation>Återställningskoden står på återställningsbladet som skrevs ut när databasen skapades. Den sätter ett nytt lösenord för en användare; ändringen loggas.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Återställningskod</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>&amp;Recovery code:</source>
        <translation>Å&amp;terställningskod:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nytt lösenord:</translation>
    </message>
    <message>
        <source>Re&amp;peat new password:</source>
        <translation>&amp;Upprepa nytt lösenord:</translation>
    </message>
    <message>
        <source>&amp;Set new password</source>
        <translation>&amp;Spara nytt lösenord</translation>
    </message>
    <message>
        <source>Enter the user name whose password is to be reset.</source>
        <translation>Ange användarnamnet vars lösenord ska återställas.</translation>
    </message>
</context>
<context>
    <name>RecoverySheetDialog</name>
    <message>
        <source>Recovery sheet</source>
        <translation>Återställningsblad</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Återställningskod</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Databas:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Skapad:</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Spara som &amp;PDF…</translation>
    </message>
    <message>
        <source>I have &amp;stored the code on paper in a safe place</source>
        <translation>Jag har &amp;förvarat koden på papper på ett säkert ställe</translation>
    </message>
    <message>
        <source>I have stored the code</source>
        <translation>Jag har förvarat koden</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Stäng</translation>
    </message>
    <message>
        <source>Print this sheet and keep it in a safe. The code opens the database if every password is lost. It is not stored anywhere: this is the only time it is shown. Anyone who has the code and the database files can read everything, so treat the sheet like a key.</source>
        <translation>Skriv ut det här bladet och förvara det i ett kassaskåp. Koden öppnar databasen om alla lösenord har gått förlorade. Den sparas ingenstans: det här är enda gången den visas. Den som har koden och databasfilerna kan läsa allt, så hantera bladet som en nyckel.</translation>
    </message>
    <message>
        <source>Trygg Desktop – recovery sheet</source>
        <translation>Trygg Desktop – återställningsblad</translation>
    </message>
    <message>
        <source>To use the code when no one can log in: run “trygg-desktop recover” with the database and a user name, type the code and choose a new password. O and I are read as 0 and 1; case and hyphens do not matter.</source>
        <translation>Så använder du koden när ingen kan logga in: kör ”trygg-desktop recover” med databasen och ett användarnamn, skriv in koden och välj ett nytt lösenord. O och I läses som 0 och 1; stora och små bokstäver och bindestreck spelar ingen roll.</translation>
    </message>
    <message>
        <source>Stored by:</source>
        <translation>Förvaras av:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Plats:</translation>
    </message>
    <message>
        <source>Print the recovery sheet</source>
        <translation>Skriv ut återställningsbladet</translation>
    </message>
    <message>
        <source>The sheet was sent to the printer. Check that it printed.</source>
        <translation>Bladet har skickats till skrivaren. Kontrollera att det skrevs ut.</translation>
    </message>
    <message>
        <source>Save the recovery sheet</source>
        <translation>Spara återställningsbladet</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF is not encrypted</source>
        <translation>PDF-filen är inte krypterad</translation>
    </message>
    <message>
        <source>The PDF file is not encrypted and contains the key to the database. Print it and delete it, or keep it only on a USB stick in the safe. Never store it beside the database, on a network drive or in e-mail.

Save the PDF?</source>
        <translation>PDF-filen är inte krypterad och innehåller nyckeln till databasen. Skriv ut den och radera den, eller förvara den bara på ett USB-minne i kassaskåpet. Spara den aldrig bredvid databasen, på en nätverksenhet eller i e-post.

Vill du spara PDF-filen?</translation>
    </message>
    <message>
        <source>The file could not be saved there. Choose another folder.</source>
        <translation>Filen kunde inte sparas där. Välj en annan mapp.</translation>
    </message>
    <message>
        <source>Saved as %1. Remember: the file is not encrypted.</source>
        <translation>Sparad som %1. Kom ihåg: filen är inte krypterad.</translation>
    </message>
    <message>
        <source>The code is shown only once. Print it or save it as PDF, then tick “I have stored the code” to close.</source>
        <translation>Koden visas bara en gång. Skriv ut den eller spara den som PDF, och markera sedan ”Jag har förvarat koden” för att stänga.</translation>
    </message>
</context>
<context>
    <name>ReferralPage</name>
    <message>
        <source>Referral</source>
        <translation>Aktualisering</translation>
    </message>
    <message>
        <source>Who referred the person, and what is the concern?</source>
        <translation>Vem aktualiserade personen, och vad gäller oron?</translation>
    </message>
    <message>
        <source>&amp;Description of the concern:</source>
        <translation>&amp;Beskrivning av oron:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Kind of case</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Referral date</source>
        <translation>Aktualiseringsdatum</translation>
    </message>
    <message>
        <source>Referring agency</source>
        <translation>Aktualiserande myndighet</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(inte angiven)</translation>
    </message>
    <message>
        <source>Referring person</source>
        <translation>Aktualiserande person</translation>
    </message>
    <message>
        <source>Name and title</source>
        <translation>Namn och titel</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Brådskandegrad</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Miljö</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(välj)</translation>
    </message>
    <message>
        <source>&amp;Kind of case:</source>
        <translation>Ärende&amp;typ:</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>&amp;Enhet:</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>Omr&amp;åde:</translation>
    </message>
    <message>
        <source>Referral &amp;date:</source>
        <translation>Aktualiserings&amp;datum:</translation>
    </message>
    <message>
        <source>Referring a&amp;gency:</source>
        <translation>Aktualiserande myndi&amp;ghet:</translation>
    </message>
    <message>
        <source>Referring &amp;person:</source>
        <translation>Aktualiserande &amp;person:</translation>
    </message>
    <message>
        <source>U&amp;rgency:</source>
        <translation>B&amp;rådskandegrad:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Miljö:</translation>
    </message>
    <message>
        <source>Grounds for &amp;concern:</source>
        <translation>Grund för &amp;oro:</translation>
    </message>
    <message>
        <source>Grounds for concern</source>
        <translation>Grund för oro</translation>
    </message>
    <message>
        <source>Report of concern (orosanmälan)</source>
        <translation>Orosanmälan</translation>
    </message>
    <message>
        <source>Has a report of concern (&amp;orosanmälan) been made, or is one needed?</source>
        <translation>&amp;Har en orosanmälan gjorts, eller behövs en?</translation>
    </message>
    <message>
        <source>Consent to SSPF does not replace the duty to report concern for a child to social services.</source>
        <translation>Samtycke till SSPF ersätter inte skyldigheten att anmäla oro för ett barn till socialtjänsten.</translation>
    </message>
    <message>
        <source>Your role cannot register new cases.</source>
        <translation>Din roll kan inte registrera nya ärenden.</translation>
    </message>
    <message>
        <source>You are not a member of a unit that handles this kind of case.</source>
        <translation>Du tillhör ingen enhet som handlägger den här ärendetypen.</translation>
    </message>
    <message>
        <source>The referral date is in the future.</source>
        <translation>Aktualiseringsdatumet ligger i framtiden.</translation>
    </message>
    <message>
        <source>Choose the environment the person is leaving.</source>
        <translation>Välj den miljö som personen lämnar.</translation>
    </message>
    <message>
        <source>The description is too long.</source>
        <translation>Beskrivningen är för lång.</translation>
    </message>
</context>
<context>
    <name>RegisterPersonDialog</name>
    <message>
        <source>Register person</source>
        <translation>Registrera person</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registrera</translation>
    </message>
    <message>
        <source>&amp;Show person</source>
        <translation>&amp;Visa person</translation>
    </message>
</context>
<context>
    <name>ReportOutputs</name>
    <message>
        <source>Sent to the printer.</source>
        <translation>Skickat till skrivaren.</translation>
    </message>
    <message>
        <source>Nothing was printed: the printer did not accept the document.</source>
        <translation>Inget skrevs ut: skrivaren tog inte emot dokumentet.</translation>
    </message>
    <message>
        <source>The PDF could not be saved there: %1</source>
        <translation>PDF-filen kunde inte sparas där: %1</translation>
    </message>
    <message>
        <source>Saved (not encrypted): %1</source>
        <translation>Sparad (inte krypterad): %1</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of %1</source>
        <translation>Återställ lösenordet för %1</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Ange lösenord</translation>
    </message>
    <message>
        <source>Give the new password to the user in person. Ask them to change it the next time they log in.</source>
        <translation>Lämna det nya lösenordet personligen till användaren. Be användaren byta det vid nästa inloggning.</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>Nytt &amp;lösenord:</translation>
    </message>
    <message>
        <source>Re&amp;peat password:</source>
        <translation>&amp;Upprepa lösenord:</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Återställ från säkerhetskopia</translation>
    </message>
    <message>
        <source>The backup is restored to a NEW database file; nothing existing is overwritten. It opens with the password of an administrator at the time of the backup, or with the recovery code from the recovery sheet.</source>
        <translation>Säkerhetskopian återställs till en NY databasfil; inget befintligt skrivs över. Den öppnas med lösenordet för någon som var administratör när säkerhetskopian gjordes, eller med återställningskoden på återställningsbladet.</translation>
    </message>
    <message>
        <source>Known backups</source>
        <translation>Kända säkerhetskopior</translation>
    </message>
    <message>
        <source>&amp;Backups:</source>
        <translation>&amp;Säkerhetskopior:</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Säkerhetskopiefil</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Bl&amp;äddra…</translation>
    </message>
    <message>
        <source>Backup &amp;file:</source>
        <translation>Säkerhetskopie&amp;fil:</translation>
    </message>
    <message>
        <source>New database file</source>
        <translation>Ny databasfil</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <source>&amp;New database:</source>
        <translation>&amp;Ny databas:</translation>
    </message>
    <message>
        <source>Administrator &amp;password</source>
        <translation>Administratörs&amp;lösenord</translation>
    </message>
    <message>
        <source>Recovery &amp;code</source>
        <translation>Återställnings&amp;kod</translation>
    </message>
    <message>
        <source>Open with:</source>
        <translation>Öppna med:</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>Administratörens användarnamn</translation>
    </message>
    <message>
        <source>Administrator password</source>
        <translation>Administratörens lösenord</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Återställningskod</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Lösen&amp;ord:</translation>
    </message>
    <message>
        <source>Recovery c&amp;ode:</source>
        <translation>Åte&amp;rställningskod:</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Återställ</translation>
    </message>
    <message>
        <source>&amp;Open the restored database</source>
        <translation>&amp;Öppna den återställda databasen</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisk</translation>
    </message>
    <message>
        <source>before an update</source>
        <translation>före en uppdatering</translation>
    </message>
    <message>
        <source>%1 – %2 – %3 MB</source>
        <translation>%1 – %2 – %3 MB</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Välj en säkerhetskopia</translation>
    </message>
    <message>
        <source>Trygg backups (*.tdbk)</source>
        <translation>Trygg-säkerhetskopior (*.tdbk)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Ny databas</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Databaser (*.db)</translation>
    </message>
    <message>
        <source>Choose the backup file to restore.</source>
        <translation>Välj den säkerhetskopia som ska återställas.</translation>
    </message>
    <message>
        <source>Enter a name for the new database file.</source>
        <translation>Ange ett namn på den nya databasfilen.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Mappen %1 finns inte.</translation>
    </message>
    <message>
        <source>A database already exists at %1. Restore to a new file name; nothing is ever overwritten.</source>
        <translation>Det finns redan en databas på %1. Återställ till ett nytt filnamn; ingenting skrivs någonsin över.</translation>
    </message>
    <message>
        <source>Enter the recovery code.</source>
        <translation>Ange återställningskoden.</translation>
    </message>
    <message>
        <source>Enter an administrator's user name and password.</source>
        <translation>Ange en administratörs användarnamn och lösenord.</translation>
    </message>
    <message>
        <source>Restored to %1.
It holds the data as of %2; the audit log was checked (%3 events). Work done after that time has to be entered again.</source>
        <translation>Återställd till %1.
Den innehåller uppgifterna per %2; loggen har kontrollerats (%3 händelser). Arbete som gjorts efter den tidpunkten måste registreras igen.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>RetentionDialogs</name>
    <message>
        <source>There is no case with that reference.</source>
        <translation>Det finns inget ärende med det ärendenumret.</translation>
    </message>
    <message>
        <source>Write why the case must be kept.</source>
        <translation>Skriv varför ärendet måste bevaras.</translation>
    </message>
    <message>
        <source>The reason may be at most 500 characters.</source>
        <translation>Skälet får vara högst 500 tecken.</translation>
    </message>
    <message>
        <source>Only the archive manager or the case's coordinator can set a legal hold.</source>
        <translation>Bara arkivansvarig eller ärendets samordnare kan registrera ett bevarandebeslut.</translation>
    </message>
    <message>
        <source>Legal hold set: the case will not be disposed until the archive manager lifts the hold.</source>
        <translation>Bevarandebeslutet är registrerat: ärendet gallras inte förrän arkivansvarig häver beslutet.</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <source>Gallring</source>
        <translation>Gallring</translation>
    </message>
    <message>
        <source>Records whose retention time has run out, the rules that decide it, legal holds and the log of what was disposed. Only references, dates and rules are shown, never case content. Hand the cases over to the e-archive before approving.</source>
        <translation>Handlingar vars bevarandetid har gått ut, reglerna som styr det, bevarandebeslut och loggen över vad som har gallrats. Bara ärendenummer, datum och regler visas, aldrig ärendeinnehåll. Överlämna ärendena till e-arkivet innan du godkänner.</translation>
    </message>
    <message>
        <source>&amp;Due for disposal</source>
        <translation>&amp;Att gallra</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Regler</translation>
    </message>
    <message>
        <source>&amp;Legal holds</source>
        <translation>&amp;Bevarandebeslut</translation>
    </message>
    <message>
        <source>Disposal lo&amp;g</source>
        <translation>&amp;Gallringslogg</translation>
    </message>
    <message>
        <source>&amp;Approve and dispose…</source>
        <translation>G&amp;odkänn och gallra…</translation>
    </message>
    <message>
        <source>Export for &amp;e-archive…</source>
        <translation>Exportera till &amp;e-arkiv…</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Avslutat</translation>
    </message>
    <message>
        <source>Last entry</source>
        <translation>Senaste anteckning</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Gallringsbar från</translation>
    </message>
    <message>
        <source>Dispose by</source>
        <translation>Gallras senast</translation>
    </message>
    <message>
        <source>Past the statutory deadline</source>
        <translation>Den lagstadgade tidsgränsen har passerats</translation>
    </message>
    <message>
        <source>E-archive</source>
        <translation>E-arkiv</translation>
    </message>
    <message>
        <source>Not handed over</source>
        <translation>Inte överlämnat</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Records due for disposal</source>
        <translation>Handlingar att gallra</translation>
    </message>
    <message>
        <source>Nothing is due for disposal today.</source>
        <translation>Ingenting ska gallras i dag.</translation>
    </message>
    <message>
        <source>Kept: %1</source>
        <translation>Bevaras: %1</translation>
    </message>
    <message>
        <source>To be disposed</source>
        <translation>Ska gallras</translation>
    </message>
    <message>
        <source>Years count from the event shown. Cases are disposed as a whole; consents and protocols can also be disposed on their own while a case is open. The audit log is kept: this version does not dispose of it.</source>
        <translation>Åren räknas från den händelse som visas. Ärenden gallras i sin helhet; samtycken och protokoll kan också gallras var för sig medan ett ärende är öppet. Loggen bevaras: den här versionen gallrar den inte.</translation>
    </message>
    <message>
        <source>Retention rules</source>
        <translation>Gallringsregler</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Å&amp;ngra</translation>
    </message>
    <message>
        <source>&amp;Save rules</source>
        <translation>&amp;Spara regler</translation>
    </message>
    <message>
        <source>&amp;Set legal hold…</source>
        <translation>Registrera be&amp;varandebeslut…</translation>
    </message>
    <message>
        <source>Li&amp;ft legal hold…</source>
        <translation>&amp;Häv bevarandebeslut…</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>Registrerat av</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Registrerat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <source>Legal holds</source>
        <translation>Bevarandebeslut</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>Gallrat</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rader</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Godkänt av</translation>
    </message>
    <message>
        <source>Disposal log</source>
        <translation>Gallringslogg</translation>
    </message>
    <message>
        <source>To be disposed: %1. Kept by a legal hold or the research sample: %2.</source>
        <translation>Ska gallras: %1. Bevaras genom bevarandebeslut eller forskningsurval: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n past the statutory deadline.</source>
        <translation>
            <numerusform>%n har passerat den lagstadgade tidsgränsen.</numerusform>
            <numerusform>%n har passerat den lagstadgade tidsgränsen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve disposal</source>
        <translation>Godkänn gallring</translation>
    </message>
    <message numerus="yes">
        <source>Dispose of %n record(s) for good?</source>
        <translation>
            <numerusform>Vill du gallra %n handling permanent?</numerusform>
            <numerusform>Vill du gallra %n handlingar permanent?</numerusform>
        </translation>
    </message>
    <message>
        <source>Every case listed as "To be disposed" is deleted with its journal, consents, meetings, plans and assessments; a person is removed from the register when no other case on them remains. This cannot be undone. The disposal log keeps only the reference, dates, rule and your name. Backups still hold the data until they rotate out.</source>
        <translation>Varje ärende som står som ”Ska gallras” raderas tillsammans med journal, samtycken, möten, planer och kartläggningar; en person tas bort ur registret när det inte finns något annat ärende om personen kvar. Detta kan inte ångras. Gallringsloggen sparar bara ärendenummer, datum, regel och ditt namn. Säkerhetskopiorna innehåller uppgifterna tills de har roterats bort.</translation>
    </message>
    <message numerus="yes">
        <source>%n not handed over to the e-archive: check the document management plan first.</source>
        <translation>
            <numerusform>%n har inte överlämnats till e-arkivet: kontrollera dokumenthanteringsplanen först.</numerusform>
            <numerusform>%n har inte överlämnats till e-arkivet: kontrollera dokumenthanteringsplanen först.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dispose</source>
        <translation>Gallra</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) disposed</source>
        <translation>
            <numerusform>%n handling gallrad</numerusform>
            <numerusform>%n handlingar gallrade</numerusform>
        </translation>
    </message>
    <message>
        <source>(run %1).</source>
        <translation>(körning %1).</translation>
    </message>
    <message numerus="yes">
        <source>%n skipped: no longer due, or held.</source>
        <translation>
            <numerusform>%n hoppades över: ska inte längre gallras eller har bevarandebeslut.</numerusform>
            <numerusform>%n hoppades över: ska inte längre gallras eller har bevarandebeslut.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules were saved.</source>
        <translation>Reglerna har sparats.</translation>
    </message>
    <message>
        <source>Legal hold set on %1.</source>
        <translation>Bevarandebeslut registrerat för %1.</translation>
    </message>
    <message>
        <source>Lift legal hold</source>
        <translation>Häv bevarandebeslut</translation>
    </message>
    <message>
        <source>Lift the legal hold on %1?</source>
        <translation>Vill du häva bevarandebeslutet för %1?</translation>
    </message>
    <message>
        <source>The case can then be disposed in the next approved run if its retention time has run out.</source>
        <translation>Ärendet kan då gallras vid nästa godkända körning om dess bevarandetid har gått ut.</translation>
    </message>
    <message>
        <source>Lift hold</source>
        <translation>Häv beslutet</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Role / agency</source>
        <translation>Roll / myndighet</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flaggor</translation>
    </message>
</context>
<context>
    <name>ReviewReportDialog</name>
    <message>
        <source>Log review report</source>
        <translation>Rapport från logggranskning</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Förhandsgranskning</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Spara som &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Stäng</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Förbereder rapporten…</translation>
    </message>
    <message>
        <source>The report could not be shown.</source>
        <translation>Rapporten kunde inte visas.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n sida</numerusform>
            <numerusform>%n sidor</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing is not available in this installation (the report module is missing). Contact IT.</source>
        <translation>Utskrift är inte tillgänglig i den här installationen (rapportmodulen saknas). Kontakta IT.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Skickat till skrivaren.</translation>
    </message>
    <message>
        <source>Nothing was printed: the printer did not accept the document.</source>
        <translation>Ingenting skrevs ut: skrivaren tog inte emot dokumentet.</translation>
    </message>
    <message>
        <source>The file could not be saved there. Choose another folder.</source>
        <translation>Filen kunde inte sparas där. Välj en annan mapp.</translation>
    </message>
    <message>
        <source>Saved as %1. The file is not encrypted.</source>
        <translation>Sparad som %1. Filen är inte krypterad.</translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <source>Signed</source>
        <translation>Signerad</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Granskare</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Flaggade</translation>
    </message>
    <message>
        <source>Anchor</source>
        <translation>Ankarpunkt</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
</context>
<context>
    <name>RevokeConsentDialog</name>
    <message>
        <source>Sharing stops at once and the open SSPF case is closed (consent withdrawn).</source>
        <translation>Delningen upphör omedelbart och det öppna SSPF-ärendet avslutas (samtycket återkallat).</translation>
    </message>
    <message>
        <source>Sharing under this consent stops at once.</source>
        <translation>Delning enligt det här samtycket upphör omedelbart.</translation>
    </message>
    <message>
        <source>Revoke consent</source>
        <translation>Återkalla samtycke</translation>
    </message>
    <message>
        <source>I understand: the revocation cannot be undone.</source>
        <translation>Jag förstår: återkallelsen kan inte ångras.</translation>
    </message>
    <message>
        <source>Registered records are kept.</source>
        <translation>Registrerade handlingar finns kvar.</translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation>Samtycke:</translation>
    </message>
    <message>
        <source>&amp;Revoked on:</source>
        <translation>&amp;Återkallat den:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brev</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Personligen</translation>
    </message>
    <message>
        <source>In a meeting</source>
        <translation>Vid ett möte</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Anteckning:</translation>
    </message>
    <message>
        <source>Who revoked, and who has been told</source>
        <translation>Vem som återkallade och vilka som har informerats</translation>
    </message>
    <message>
        <source>Say how the revocation came in.</source>
        <translation>Ange hur återkallelsen kom in.</translation>
    </message>
</context>
<context>
    <name>RiskLevelDialog</name>
    <message>
        <source>Add risk level</source>
        <translation>Lägg till risknivå</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>&amp;Risk level:</source>
        <translation>&amp;Risknivå:</translation>
    </message>
    <message>
        <source>Assessed &amp;on:</source>
        <translation>Bedömd &amp;den:</translation>
    </message>
    <message>
        <source>Assessed &amp;by:</source>
        <translation>Bedömd a&amp;v:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Anteckning:</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Record type</source>
        <translation>Handlingstyp</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>Räknas från</translation>
    </message>
    <message>
        <source>Disposal</source>
        <translation>Gallring</translation>
    </message>
    <message>
        <source>Research sample</source>
        <translation>Forskningsurval</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Kept (not disposed by this version)</source>
        <translation>Bevaras (gallras inte av den här versionen)</translation>
    </message>
    <message>
        <source>On</source>
        <translation>På</translation>
    </message>
    <message>
        <source>Off (follows the case)</source>
        <translation>Av (följer ärendet)</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Bevaras</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>Bevaras inte</translation>
    </message>
</context>
<context>
    <name>ServerSignInDialog</name>
    <message>
        <source>Trust this server?</source>
        <translation>Lita på den här servern?</translation>
    </message>
    <message>
        <source>This is the first connection to %1 from this computer.</source>
        <translation>Det här är första anslutningen till %1 från den här datorn.</translation>
    </message>
    <message>
        <source>Compare the certificate's fingerprint with the one the server's administrator gave you. Trust it only if every character is the same:

%1</source>
        <translation>Jämför certifikatets fingeravtryck med det som serverns administratör har gett dig. Lita bara på det om varje tecken är detsamma:

%1</translation>
    </message>
    <message>
        <source>&amp;Trust this server</source>
        <translation>Li&amp;ta på servern</translation>
    </message>
    <message>
        <source>Trygg Desktop – sign in</source>
        <translation>Trygg Desktop – logga in</translation>
    </message>
    <message>
        <source>Sign in to the server</source>
        <translation>Logga in på servern</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>Logga &amp;in</translation>
    </message>
</context>
<context>
    <name>SetUnitsDialog</name>
    <message>
        <source>Units of %1</source>
        <translation>Enheter för %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>A user sees the cases of the units they belong to, as far as their role and the consent allow.</source>
        <translation>En användare ser ärendena i de enheter som användaren tillhör, i den mån rollen och samtycket tillåter.</translation>
    </message>
    <message>
        <source>U&amp;nits:</source>
        <translation>&amp;Enheter:</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Enheter</translation>
    </message>
</context>
<context>
    <name>SignConsentDialog</name>
    <message>
        <source>Register signature</source>
        <translation>Registrera underskrift</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <source>&amp;Signatory:</source>
        <translation>&amp;Undertecknare:</translation>
    </message>
    <message>
        <source>(already signed)</source>
        <translation>(har redan skrivit under)</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Metod:</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>&amp;Svar:</translation>
    </message>
    <message>
        <source>Declined to consent</source>
        <translation>Avböjde att samtycka</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Sign off log review</source>
        <translation>Signera logggranskning</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>Period: %1 – %2</translation>
    </message>
    <message numerus="yes">
        <source>%n flagged event(s) in the last report</source>
        <translation>
            <numerusform>%n flaggad händelse i den senaste rapporten</numerusform>
            <numerusform>%n flaggade händelser i den senaste rapporten</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Comment (what you checked, what you found, what was done):</source>
        <translation>&amp;Kommentar (vad du kontrollerade, vad du hittade, vad som gjordes):</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Anchor</source>
        <translation>Ankarpunkt</translation>
    </message>
    <message>
        <source>Save &amp;anchor copy…</source>
        <translation>Spara k&amp;opia av ankarpunkter…</translation>
    </message>
    <message>
        <source>&amp;Sign off</source>
        <translation>Si&amp;gnera</translation>
    </message>
    <message>
        <source>Write what the review found before signing off.</source>
        <translation>Skriv vad granskningen visade innan du signerar.</translation>
    </message>
    <message>
        <source>Signed off. Anchor: event %1, MAC %2…</source>
        <translation>Signerad. Ankarpunkt: händelse %1, MAC %2…</translation>
    </message>
    <message>
        <source>It was added to the anchor list beside the database. Save a copy elsewhere too: a copy beside the database is rolled back with it.</source>
        <translation>Den har lagts till i ankarpunktslistan bredvid databasen. Spara en kopia någon annanstans också: en kopia bredvid databasen rullas tillbaka tillsammans med den.</translation>
    </message>
    <message>
        <source>It could not be added to the anchor list beside the database: save a copy now.</source>
        <translation>Den kunde inte läggas till i ankarpunktslistan bredvid databasen: spara en kopia nu.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Stäng</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Follow-up for the steering group</source>
        <translation>Uppföljning för styrgruppen</translation>
    </message>
    <message>
        <source>Aggregated figures per tertial, year or any range of days, with small numbers hidden ("&lt;5", and ".." where a small number could otherwise be worked out). No person, case or date of a single case is shown.</source>
        <translation>Aggregerade siffror per tertial, år eller valfri period, med små tal dolda ("&lt;5", och ".." där ett litet tal annars skulle kunna räknas fram). Inga personer, ärenden eller datum för enskilda ärenden visas.</translation>
    </message>
    <message>
        <source>Tertial</source>
        <translation>Tertial</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Datumintervall</translation>
    </message>
    <message>
        <source>T1 (Jan–Apr)</source>
        <translation>T1 (jan–apr)</translation>
    </message>
    <message>
        <source>T2 (May–Aug)</source>
        <translation>T2 (maj–aug)</translation>
    </message>
    <message>
        <source>T3 (Sep–Dec)</source>
        <translation>T3 (sep–dec)</translation>
    </message>
    <message>
        <source>Counts from 1 up to one below this are shown as "&lt;N".</source>
        <translation>Antal från 1 upp till ett under detta visas som "&lt;N".</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;År</translation>
    </message>
    <message>
        <source>&amp;Tertial</source>
        <translation>&amp;Tertial</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>T&amp;ill</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Från</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>Ä&amp;rendetyp</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>&amp;Enhet</translation>
    </message>
    <message>
        <source>Small &amp;numbers below</source>
        <translation>Små ta&amp;l under</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Skriv ut…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Spara som P&amp;DF…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exportera &amp;CSV…</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>Exportera E&amp;xcel…</translation>
    </message>
    <message>
        <source>All my kinds</source>
        <translation>Alla mina ärendetyper</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Tar fram rapporten…</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 tables, %4 values hidden</source>
        <translation>%1 · %2 · %3 tabeller, %4 värden dolda</translation>
    </message>
    <message>
        <source>the period is running: figures up to %1</source>
        <translation>perioden pågår: siffror till och med %1</translation>
    </message>
    <message>
        <source>Printing is not available in this installation (the report module is missing). Contact IT.</source>
        <translation>Utskrift är inte tillgänglig i den här installationen (rapportmodulen saknas). Kontakta IT.</translation>
    </message>
    <message>
        <source>Compared with the previous period and the same period last year</source>
        <translation>Jämförelse med föregående period och samma period föregående år</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mått</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Jämförelse</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Nyckeltal</translation>
    </message>
    <message>
        <source>Key figure</source>
        <translation>Nyckeltal</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>Underlag</translation>
    </message>
    <message>
        <source>Lead times (days from referral)</source>
        <translation>Ledtider (dagar från aktualisering)</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>75th percentile</source>
        <translation>75:e percentil</translation>
    </message>
    <message>
        <source>Lead times</source>
        <translation>Ledtider</translation>
    </message>
    <message>
        <source>The file will not be encrypted. It holds aggregated statistics with small numbers hidden, no personal data, but keep and delete it according to the municipality's routines.

Save the file?</source>
        <translation>Filen kommer inte att vara krypterad. Den innehåller endast aggregerad statistik med små tal dolda, inga personuppgifter, men förvara och radera den enligt kommunens rutiner.

Spara filen?</translation>
    </message>
    <message>
        <source>Saved (not encrypted): %1</source>
        <translation>Sparad (inte krypterad): %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-arbetsböcker (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>StatusChangeDialog</name>
    <message>
        <source>Change status</source>
        <translation>Ändra status</translation>
    </message>
    <message>
        <source>I have checked this: the case will be closed.</source>
        <translation>Jag har kontrollerat detta: ärendet kommer att avslutas.</translation>
    </message>
    <message>
        <source>Current status:</source>
        <translation>Nuvarande status:</translation>
    </message>
    <message>
        <source>&amp;New status:</source>
        <translation>&amp;Ny status:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Steg:</translation>
    </message>
    <message>
        <source>Closure &amp;reason:</source>
        <translation>Avslutss&amp;käl:</translation>
    </message>
    <message>
        <source>– choose a reason –</source>
        <translation>– välj ett skäl –</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>&amp;Anteckning:</translation>
    </message>
    <message>
        <source>Choose the new status.</source>
        <translation>Välj den nya statusen.</translation>
    </message>
    <message>
        <source>Choose a closure reason.</source>
        <translation>Välj ett avslutsskäl.</translation>
    </message>
    <message>
        <source>Write a note that says why.</source>
        <translation>Skriv en anteckning om varför.</translation>
    </message>
    <message>
        <source>The case's status is now: %1.</source>
        <translation>Ärendets status är nu: %1.</translation>
    </message>
</context>
<context>
    <name>ThreatDialog</name>
    <message>
        <source>Add threat assessment</source>
        <translation>Lägg till hotbedömning</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>&amp;Threat level:</source>
        <translation>&amp;Hotnivå:</translation>
    </message>
    <message>
        <source>Assessed &amp;on:</source>
        <translation>Bedömd &amp;den:</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>Sa&amp;mmanfattning:</translation>
    </message>
    <message>
        <source>&amp;Review on:</source>
        <translation>&amp;Omprövas den:</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Ange</translation>
    </message>
</context>
<context>
    <name>TrefasSection</name>
    <message>
        <source>Risk level (the police's assessment)</source>
        <translation>Risknivå (polisens bedömning)</translation>
    </message>
    <message>
        <source>Current risk level</source>
        <translation>Aktuell risknivå</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>Bedömd den</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <source>Assessed by</source>
        <translation>Bedömd av</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Risk level history</source>
        <translation>Risknivåhistorik</translation>
    </message>
    <message>
        <source>No risk level is registered yet.</source>
        <translation>Ingen risknivå är registrerad ännu.</translation>
    </message>
    <message>
        <source>Add &amp;risk level…</source>
        <translation>Lägg till &amp;risknivå…</translation>
    </message>
    <message>
        <source>Open the linked &amp;defector case</source>
        <translation>Öppna det kopplade &amp;avhopparärendet</translation>
    </message>
    <message>
        <source>%1 – assessed %2 by %3</source>
        <translation>%1 – bedömd %2 av %3</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Case kind</source>
        <translation>Ärendetyp</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Medlemmar</translation>
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
        <source>Forgot password? Use the &amp;recovery code…</source>
        <translation>Glömt lösenordet? Använd åte&amp;rställningskoden…</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Återställ från &amp;säkerhetskopia…</translation>
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
        <source>Password changed – log in with the new password</source>
        <translation>Lösenordet är ändrat – logga in med det nya lösenordet</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Ange användarnamn och lösenord.</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>Databasen kunde inte öppnas.</translation>
    </message>
    <message>
        <source>The backup was restored to a new file. Log in to it; the damaged database was left untouched.</source>
        <translation>Säkerhetskopian har återställts till en ny fil. Logga in i den; den skadade databasen har lämnats orörd.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. You can try again in %n second(s).</source>
        <translation>
            <numerusform>För många misslyckade försök. Du kan försöka igen om %n sekund.</numerusform>
            <numerusform>För många misslyckade försök. Du kan försöka igen om %n sekunder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserDialogs</name>
    <message>
        <source>A unit with that name already exists.</source>
        <translation>Det finns redan en enhet med det namnet.</translation>
    </message>
    <message>
        <source>A unit needs a name (at most 200 characters).</source>
        <translation>En enhet måste ha ett namn (högst 200 tecken).</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>Välj minst en roll.</translation>
    </message>
    <message>
        <source>You cannot remove your own account.</source>
        <translation>Du kan inte ta bort ditt eget konto.</translation>
    </message>
    <message>
        <source>There is no such user.</source>
        <translation>Användaren finns inte.</translation>
    </message>
    <message>
        <source>The folder does not exist.</source>
        <translation>Mappen finns inte.</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Myndighet</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roller</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Borttagen</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Accounts, roles and units. Administrators manage access only: case content is never shown here.</source>
        <translation>Konton, roller och enheter. Administratörer hanterar bara behörigheter: ärendeinnehåll visas aldrig här.</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>Lägg till &amp;användare…</translation>
    </message>
    <message>
        <source>Set &amp;units…</source>
        <translation>Ange &amp;enheter…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Återställ &amp;lösenord…</translation>
    </message>
    <message>
        <source>&amp;Remove user…</source>
        <translation>&amp;Ta bort användare…</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>Add u&amp;nit…</source>
        <translation>Lägg till e&amp;nhet…</translation>
    </message>
    <message>
        <source>%1 active, %2 removed</source>
        <translation>%1 aktiva, %2 borttagna</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Ta bort användare</translation>
    </message>
    <message>
        <source>Remove the account %1 (%2)?</source>
        <translation>Vill du ta bort kontot %1 (%2)?</translation>
    </message>
    <message>
        <source>The user can no longer log in and leaves every case they were assigned to. The database is then encrypted with a new key, so an old copy of the key file no longer opens it. This can take a moment and cannot be undone. Back up the new key file together with the database.</source>
        <translation>Användaren kan inte längre logga in och kopplas bort från alla ärenden som användaren var tilldelad. Databasen krypteras sedan med en ny nyckel, så en gammal kopia av nyckelfilen kan inte längre öppna den. Det kan ta en stund och går inte att ångra. Säkerhetskopiera den nya nyckelfilen tillsammans med databasen.</translation>
    </message>
    <message>
        <source>%1 was removed and the database key was changed.</source>
        <translation>%1 har tagits bort och databasnyckeln har bytts.</translation>
    </message>
</context>
</TS>