#!/usr/bin/env python3
"""Writes src/ExportReadiness.Core/Questionnaire/questionnaire.v1.json from the definitions below.

The JSON file is what the app reads; this script is how it is edited by people (one place per question,
texts side by side in Swedish and English). Run: python3 tools/questionnaire/build_v1.py
"""
import json
import os

L = lambda sv, en: {"sv": sv, "en": en}

def opt(value, points, sv, en, rec_sv=None, rec_en=None):
    o = {"value": value, "points": points, "label": L(sv, en)}
    if rec_sv:
        o["recommendation"] = L(rec_sv, rec_en)
    return o

# "Don't know": offered where an SME realistically cannot answer. It earns 0 points, like the lowest option, and
# the model reads it as the lowest level: not knowing is, for readiness, the same as not having (docs/questionnaire.md).
def dont_know(rec_sv, rec_en):
    o = opt("dont_know", 0, "Vet inte", "Don't know", rec_sv, rec_en)
    o["dontKnow"] = True
    return o

def choice(qid, dim, sv, en, options, required=True, applies=None):
    q = {"id": qid, "dimension": dim, "type": "choice", "required": required, "text": L(sv, en), "options": options}
    if applies:
        q["appliesTo"] = applies
    return q

def yesno(qid, dim, sv, en, points, rec_sv, rec_en, required=True, applies=None):
    q = {"id": qid, "dimension": dim, "type": "yesNo", "required": required, "text": L(sv, en),
         "yesPoints": points, "recommendation": L(rec_sv, rec_en)}
    if applies:
        q["appliesTo"] = applies
    return q

def number(qid, dim, sv, en, lo, hi, unit, bands, required=True):
    return {"id": qid, "dimension": dim, "type": "number", "required": required, "text": L(sv, en),
            "min": lo, "max": hi, "unit": unit,
            "bands": [dict({"from": f, "points": p}, **({"recommendation": L(rs, re)} if rs else {})) for f, p, rs, re in bands]}

PCT = L("%", "%")

dimensions = [
    ("management", "Ledningens engagemang och motiv", "Management commitment and motive"),
    ("experience", "Exporterfarenhet och meriter", "Export experience and track record"),
    ("product", "Produkt- och erbjudandemognad", "Product and offer readiness"),
    ("capacity", "Kapacitet och drift", "Capacity and operations"),
    ("certifications", "Certifieringar, standarder och immaterialrätt", "Certifications, standards and IP"),
    ("market", "Marknadskunskap", "Market knowledge"),
    ("channels", "Försäljningskanaler och partner", "Sales channels and partners"),
    ("marketing", "Marknadsföring och digital närvaro", "Marketing and digital presence"),
    ("finance", "Finansiering, prissättning och betalningsrisk", "Finance, pricing and payment risk"),
    ("logistics", "Handelsprocedurer och logistik", "Trade procedures and logistics"),
    ("people", "Människor och organisation", "People and organisation"),
    ("sustainability", "Hållbarhet och kvalitet", "Sustainability and quality"),
]

sectors = [
    ("mining", "Gruv- och mineralnäring", "Mining and minerals", True),
    ("forestry", "Skog och trä", "Forestry and wood", False),
    ("energy", "Energi", "Energy", True),
    ("process", "Processindustri", "Process industry", True),
    ("food", "Livsmedel", "Food and drink", True),
    ("tourism", "Turism och besöksnäring", "Tourism and hospitality", False),
    ("manufacturing", "Tillverkning", "Manufacturing", False),
    ("digital", "Digitala tjänster", "Digital services", False),
    ("other", "Övrigt", "Other", False),
]

regions = [
    ("SE-AB", "Stockholms län", "Stockholm County"), ("SE-AC", "Västerbottens län", "Västerbotten County"),
    ("SE-BD", "Norrbottens län", "Norrbotten County"), ("SE-C", "Uppsala län", "Uppsala County"),
    ("SE-D", "Södermanlands län", "Södermanland County"), ("SE-E", "Östergötlands län", "Östergötland County"),
    ("SE-F", "Jönköpings län", "Jönköping County"), ("SE-G", "Kronobergs län", "Kronoberg County"),
    ("SE-H", "Kalmar län", "Kalmar County"), ("SE-I", "Gotlands län", "Gotland County"),
    ("SE-K", "Blekinge län", "Blekinge County"), ("SE-M", "Skåne län", "Skåne County"),
    ("SE-N", "Hallands län", "Halland County"), ("SE-O", "Västra Götalands län", "Västra Götaland County"),
    ("SE-S", "Värmlands län", "Värmland County"), ("SE-T", "Örebro län", "Örebro County"),
    ("SE-U", "Västmanlands län", "Västmanland County"), ("SE-W", "Dalarnas län", "Dalarna County"),
    ("SE-X", "Gävleborgs län", "Gävleborg County"), ("SE-Y", "Västernorrlands län", "Västernorrland County"),
    ("SE-Z", "Jämtlands län", "Jämtland County"), ("outside", "Utanför Sverige", "Outside Sweden"),
]

questions = [
    # --- management ---
    choice("mgmt_export_strategy", "management", "Har ledningen beslutat om export som en del av företagets strategi?",
           "Has management decided on export as part of the company's strategy?", [
        opt("none", 0, "Nej, export är inte diskuterat", "No, export has not been discussed",
            "Ta upp export i ledningsgruppen och besluta om varför ni vill exportera och vad det får kosta.",
            "Put export on the management team's agenda and decide why you want to export and what it may cost."),
        opt("discussed", 1, "Diskuterat men inte beslutat", "Discussed but not decided",
            "Fatta ett formellt beslut om export med mål och tidsplan, så att det inte stannar vid en idé.",
            "Take a formal decision on export with goals and a timeline, so that it does not stay an idea."),
        opt("decided", 2, "Beslutat, men utan skriftlig plan", "Decided, but without a written plan",
            "Skriv en exportplan med mål, målmarknad, budget och ansvar som ledningen har godkänt.",
            "Write an export plan with goals, target market, budget and owners, approved by management."),
        opt("written_plan", 3, "Beslutat med skriftlig exportplan och budget", "Decided, with a written export plan and budget"),
    ]),
    choice("mgmt_motive", "management", "Vad är det främsta skälet till att ni vill exportera?",
           "What is the main reason you want to export?", [
        opt("unsolicited", 0, "Vi har fått enstaka förfrågningar från utlandet", "We receive occasional enquiries from abroad",
            "Förvandla enstaka förfrågningar till ett medvetet val: analysera vilka marknader som efterfrågar produkten och varför.",
            "Turn occasional enquiries into a deliberate choice: analyse which markets ask for the product and why."),
        opt("home_saturated", 1, "Hemmamarknaden räcker inte till", "The home market is too small",
            "Komplettera behovet av volym med en bild av var produkten har en verklig fördel utomlands.",
            "Complement the need for volume with a view of where the product has a real advantage abroad."),
        opt("growth_strategy", 2, "Tillväxt är en uttalad strategi", "Growth abroad is a stated strategy"),
    ]),
    number("mgmt_time_percent", "management", "Hur stor del av ledningens arbetstid kan läggas på export det kommande året?",
           "What share of management's working time can go to export in the coming year?", 0, 100, PCT, [
        (0, 0, "Avsätt tid i ledningen för export; utan det stannar arbetet vid första hindret.",
         "Set aside management time for export; without it the work stops at the first obstacle."),
        (10, 1, "Öka tiden för export eller utse en person i ledningen med tydligt exportansvar.",
         "Increase the time for export or name one person in management clearly responsible for it."),
        (20, 2, None, None),
    ]),
    # --- experience ---
    choice("exp_export_history", "experience", "Vilken erfarenhet har företaget av att sälja utanför Sverige?",
           "What experience does the company have of selling outside Sweden?", [
        opt("none", 0, "Ingen", "None",
            "Börja med en närmarknad (t.ex. Norge eller Finland) och en eller två kunder för att lära er exportens praktik.",
            "Start with a nearby market (e.g. Norway or Finland) and one or two customers to learn how export works in practice."),
        opt("occasional", 1, "Enstaka affärer", "Occasional sales",
            "Följ upp era tidigare exportaffärer: vad fungerade, vad kostade mer än väntat, och vilka kunder vill köpa igen?",
            "Review your past export sales: what worked, what cost more than expected, and which customers want to buy again?"),
        opt("regular", 2, "Regelbunden export till en marknad", "Regular export to one market",
            "Dokumentera hur ni arbetar på er första marknad så att ni kan upprepa det på nästa.",
            "Document how you work in your first market so that you can repeat it in the next."),
        opt("several_markets", 3, "Regelbunden export till flera marknader", "Regular export to several markets"),
    ]),
    number("exp_markets_count", "experience", "Till hur många länder har ni sålt de senaste tre åren?",
           "How many countries have you sold to in the last three years?", 0, 100, L("länder", "countries"), [
        (0, 0, "Välj en första exportmarknad utifrån efterfrågan, konkurrens och hur lätt den är att nå.",
         "Choose a first export market based on demand, competition and how easy it is to reach."),
        (1, 1, "Befäst den första marknaden innan ni breddar; fler marknader kräver mer resurser än man tror.",
         "Consolidate the first market before widening; more markets need more resources than expected."),
        (3, 2, None, None),
    ]),
    yesno("exp_references", "experience", "Har ni utländska referenskunder som kan intyga produktens kvalitet?",
          "Do you have foreign reference customers who can vouch for the product?", 2,
          "Be era första utländska kunder om att få använda dem som referens, gärna med en kort kundberättelse.",
          "Ask your first foreign customers to act as references, ideally with a short customer story."),
    # --- product ---
    choice("prod_adaptation", "product", "Hur väl är produkten anpassad till målmarknadens krav (språk, standarder, smak, klimat)?",
           "How well is the product adapted to the target market's requirements (language, standards, taste, climate)?", [
        opt("unknown", 0, "Vi vet inte vilka krav som gäller", "We do not know the requirements",
            "Kartlägg vilka krav och förväntningar som gäller på målmarknaden, t.ex. med hjälp av Business Sweden eller Enterprise Europe Network.",
            "Map the requirements and expectations of the target market, for example with Business Sweden or the Enterprise Europe Network."),
        opt("known", 1, "Vi känner kraven men har inte anpassat", "We know the requirements but have not adapted",
            "Gör en plan för de anpassningar som krävs och vad de kostar innan ni lovar leveranser.",
            "Plan the adaptations that are needed and what they cost before you promise deliveries."),
        opt("partly", 2, "Delvis anpassad", "Partly adapted",
            "Slutför anpassningarna och testa produkten med en kund på marknaden.",
            "Complete the adaptations and test the product with a customer in the market."),
        opt("adapted", 3, "Helt anpassad och testad", "Fully adapted and tested"),
    ]),
    choice("prod_usp", "product", "Hur tydligt kan ni förklara varför en utländsk kund ska välja er produkt framför lokala alternativ?",
           "How clearly can you explain why a foreign customer should choose your product over local alternatives?", [
        opt("unclear", 0, "Inte tydligt", "Not clearly",
            "Formulera produktens unika fördel i en mening och pröva den på tre personer från målmarknaden.",
            "Put the product's unique advantage into one sentence and test it on three people from the target market."),
        opt("home_only", 1, "Tydligt för svenska kunder, oprövat utomlands", "Clear for Swedish customers, untested abroad",
            "Jämför er produkt med de lokala konkurrenterna på målmarknaden i pris, kvalitet och service.",
            "Compare your product with local competitors in the target market on price, quality and service."),
        opt("proven", 2, "Tydligt och bekräftat av utländska kunder", "Clear and confirmed by foreign customers"),
    ]),
    yesno("prod_english_docs", "product", "Finns produktinformation, manualer och avtal på engelska (eller målmarknadens språk)?",
          "Are product information, manuals and contracts available in English (or the target market's language)?", 2,
          "Översätt produktblad, manualer och avtalsmallar professionellt; det är ofta det första en utländsk köpare ber om.",
          "Have product sheets, manuals and contract templates translated professionally; foreign buyers often ask for them first."),
    choice("prod_after_sales", "product", "Hur kan ni ge service och support till kunder utomlands?",
           "How can you provide service and support to customers abroad?", [
        opt("none", 0, "Inte alls i dag", "Not at all today",
            "Bestäm hur support, reservdelar och reklamationer ska hanteras på distans eller via en partner innan första leveransen.",
            "Decide how support, spare parts and claims will be handled remotely or through a partner before the first delivery."),
        opt("remote", 1, "På distans från Sverige", "Remotely from Sweden",
            "Komplettera distanssupport med en lokal servicepartner eller tydliga svarstider i avtalen.",
            "Complement remote support with a local service partner or clear response times in the contracts."),
        opt("local", 2, "Via lokal partner eller egen personal", "Through a local partner or own staff"),
    ]),
    # --- capacity ---
    number("ops_spare_capacity_percent", "capacity", "Hur stor ledig produktions- eller leveranskapacitet har ni i dag?",
           "How much spare production or delivery capacity do you have today?", 0, 100, PCT, [
        (0, 0, "Räkna på hur en exportorder påverkar leveranserna till befintliga kunder och planera för ökad kapacitet.",
         "Work out how an export order affects deliveries to existing customers and plan for more capacity."),
        (10, 1, "Säkra en plan för att skala upp (skift, underleverantörer, investering) om exporten tar fart.",
         "Secure a plan to scale up (shifts, subcontractors, investment) if export takes off."),
        (25, 2, None, None),
    ]),
    choice("ops_scalability", "capacity", "Hur snabbt kan ni öka leveranserna med 50 % om en stor order kommer?",
           "How quickly could you raise deliveries by 50% if a large order came in?", [
        opt("not_possible", 0, "Inte inom ett år", "Not within a year",
            "Identifiera flaskhalsarna (personal, maskiner, råvaror) och vilka partner som kan avlasta dem.",
            "Identify the bottlenecks (people, machines, raw materials) and which partners could relieve them."),
        opt("within_year", 1, "Inom 6–12 månader", "Within 6–12 months",
            "Förbered avtal med underleverantörer eller bemanning så att uppskalningen går snabbare.",
            "Prepare agreements with subcontractors or staffing so that scaling up goes faster."),
        opt("within_quarter", 2, "Inom tre månader", "Within three months"),
        dont_know("Gå igenom vad en order som är 50 % större skulle kräva av personal, maskiner och underleverantörer, så att ni kan svara en köpare.",
                  "Work out what an order 50% larger would take in people, machines and subcontractors, so that you can answer a buyer."),
    ]),
    yesno("ops_delivery_reliability", "capacity", "Levererar ni i dag i tid till minst 95 % av era kunder?",
          "Do you currently deliver on time to at least 95% of your customers?", 2,
          "Mät leveransprecisionen och åtgärda orsakerna till förseningar innan ni lägger till längre exportkedjor.",
          "Measure delivery precision and fix the causes of delays before adding longer export supply chains."),
    # --- certifications ---
    yesno("cert_quality_system", "certifications", "Har ni ett certifierat kvalitetsledningssystem (t.ex. ISO 9001)?",
          "Do you have a certified quality management system (e.g. ISO 9001)?", 2,
          "Undersök om kunderna på målmarknaden kräver ISO 9001 eller motsvarande och vad en certifiering kostar.",
          "Check whether customers in the target market require ISO 9001 or similar and what certification costs."),
    choice("cert_market_requirements", "certifications", "Uppfyller produkten de regler och standarder som gäller på målmarknaden?",
           "Does the product meet the regulations and standards that apply in the target market?", [
        opt("unknown", 0, "Vet inte", "Do not know",
            "Ta reda på vilka produktregler och standarder som gäller, t.ex. via Kommerskollegiums regelverksupplysning eller SIS.",
            "Find out which product rules and standards apply, e.g. via the National Board of Trade's regulatory help desk or SIS."),
        opt("in_progress", 1, "Arbete pågår", "Work in progress",
            "Sätt en tidsplan för provning och certifiering; det tar ofta längre tid än försäljningen.",
            "Set a timeline for testing and certification; it often takes longer than the sales work."),
        opt("compliant", 2, "Ja, dokumenterat", "Yes, documented"),
    ]),
    choice("cert_ip_protection", "certifications", "Hur har ni skyddat varumärke, design eller teknik på exportmarknaderna?",
           "How have you protected your brand, design or technology in the export markets?", [
        opt("none", 0, "Inte alls", "Not at all",
            "Gör en enkel IP-genomgång: registrera varumärket (t.ex. EU-varumärke) innan ni marknadsför er utomlands.",
            "Do a simple IP review: register the trademark (e.g. an EU trademark) before marketing abroad."),
        opt("sweden_only", 1, "Bara i Sverige", "Only in Sweden",
            "Utvidga skyddet till målmarknaderna; svensk registrering gäller inte utomlands.",
            "Extend protection to the target markets; a Swedish registration does not apply abroad."),
        opt("target_markets", 2, "Även på målmarknaderna", "In the target markets too"),
        dont_know("Ta reda på vad ni har registrerat (varumärke, design, patent) och var, t.ex. hos PRV eller EUIPO.",
                  "Find out what you have registered (trademark, design, patent) and where, e.g. with PRV or the EUIPO."),
    ], required=False),
    yesno("cert_ce_marking", "certifications", "Är produkten CE-märkt eller på annat sätt bedömd enligt gällande produktdirektiv?",
          "Is the product CE marked or otherwise assessed under the applicable product directives?", 2,
          "Gör en bedömning av vilka EU-direktiv som gäller för produkten och ta fram teknisk dokumentation och försäkran om överensstämmelse.",
          "Assess which EU directives apply to the product and prepare the technical file and declaration of conformity.",
          applies=["manufacturing", "process", "energy", "mining"]),
    yesno("cert_food_safety", "certifications", "Har ni en livsmedelssäkerhetscertifiering som handeln kräver (t.ex. FSSC 22000, BRCGS eller IFS)?",
          "Do you have a food safety certification that retailers require (e.g. FSSC 22000, BRCGS or IFS)?", 3,
          "Ta reda på vilken certifiering era tänkta kunder kräver och planera för revision; utan den kommer ni sällan in i utländsk dagligvaruhandel.",
          "Find out which certification your intended customers require and plan for an audit; without it you rarely get into foreign grocery retail.",
          applies=["food"]),
    yesno("cert_chain_of_custody", "certifications", "Har ni spårbarhetscertifiering för trä och fiber (FSC eller PEFC)?",
          "Do you have chain-of-custody certification for wood and fibre (FSC or PEFC)?", 2,
          "Skaffa FSC- eller PEFC-spårbarhetscertifiering; många europeiska köpare kräver den.",
          "Obtain FSC or PEFC chain-of-custody certification; many European buyers require it.",
          applies=["forestry"]),
    # --- market ---
    choice("mkt_target_market", "market", "Hur väl har ni valt och analyserat er första målmarknad?",
           "How well have you chosen and analysed your first target market?", [
        opt("none", 0, "Ingen marknad vald", "No market chosen",
            "Jämför två eller tre möjliga marknader utifrån storlek, konkurrens, regler och avstånd och välj en.",
            "Compare two or three possible markets on size, competition, rules and distance, and choose one."),
        opt("chosen", 1, "Vald, men inte analyserad", "Chosen, but not analysed",
            "Gör en marknadsanalys av målmarknaden: kunder, konkurrenter, prisnivåer och köpbeteende.",
            "Do a market analysis of the target market: customers, competitors, price levels and buying behaviour."),
        opt("analysed", 2, "Vald och analyserad på distans", "Chosen and analysed from a distance",
            "Besök marknaden eller en mässa där och tala med tänkta kunder och partner.",
            "Visit the market or a trade fair there and talk to prospective customers and partners."),
        opt("validated", 3, "Vald, analyserad och besökt", "Chosen, analysed and visited"),
    ]),
    yesno("mkt_competitors", "market", "Känner ni de viktigaste konkurrenterna på målmarknaden och deras priser?",
          "Do you know the main competitors in the target market and their prices?", 2,
          "Gör en konkurrentanalys med de tre största konkurrenterna: erbjudande, pris, kanaler.",
          "Do a competitor analysis of the three largest competitors: offer, price, channels."),
    yesno("mkt_customer_contacts", "market", "Har ni haft konkreta samtal med potentiella kunder på målmarknaden?",
          "Have you had concrete conversations with potential customers in the target market?", 2,
          "Boka möten med potentiella kunder, t.ex. genom en företagsresa eller en mässa med regionens exportrådgivare.",
          "Book meetings with potential customers, e.g. through a business trip or a trade fair with your regional export advisor."),
    # --- channels ---
    choice("chan_entry_mode", "channels", "Hur ska ni nå kunderna på målmarknaden?",
           "How will you reach customers in the target market?", [
        opt("undecided", 0, "Inte bestämt", "Not decided",
            "Välj kanal (direktförsäljning, agent, distributör, e-handel eller partner) utifrån produkt och kundtyp.",
            "Choose a channel (direct sales, agent, distributor, e-commerce or partner) based on product and customer type."),
        opt("direct_only", 1, "Direktförsäljning från Sverige", "Direct sales from Sweden",
            "Pröva om en lokal agent eller distributör kan ge snabbare tillgång till kunderna.",
            "Consider whether a local agent or distributor could give faster access to customers."),
        opt("partner_identified", 2, "Partner identifierad", "Partner identified",
            "Skriv ett tydligt avtal med partnern om ansvar, ensamrätt, mål och uppsägning.",
            "Write a clear agreement with the partner on responsibilities, exclusivity, targets and termination."),
        opt("partner_contracted", 3, "Avtal med partner eller egen säljorganisation", "Contract with a partner or own sales organisation"),
    ]),
    yesno("chan_partner_support", "channels", "Har ni material och utbildning för att stötta återförsäljare eller agenter?",
          "Do you have material and training to support resellers or agents?", 2,
          "Ta fram ett partnerpaket: produktutbildning, säljmaterial och prislistor på partnerns språk.",
          "Put together a partner kit: product training, sales material and price lists in the partner's language."),
    choice("chan_ecommerce", "channels", "Kan utländska kunder beställa direkt från er (webbutik eller digital plattform)?",
           "Can foreign customers order directly from you (web shop or digital platform)?", [
        opt("no", 0, "Nej", "No",
            "Undersök om en webbutik eller en etablerad plattform kan nå kunder utomlands till låg kostnad.",
            "Check whether a web shop or an established platform could reach customers abroad at low cost."),
        opt("sweden_only", 1, "Bara för svenska kunder", "Only for Swedish customers",
            "Öppna beställningen för utländska kunder: valuta, frakt, moms och språk.",
            "Open ordering to foreign customers: currency, shipping, VAT and language."),
        opt("international", 2, "Ja, även för utländska kunder", "Yes, for foreign customers too"),
    ], required=False),
    # --- marketing ---
    number("digi_website_languages", "marketing", "På hur många språk finns er webbplats?",
           "In how many languages is your website available?", 0, 20, L("språk", "languages"), [
        (0, 0, "Skaffa en webbplats som beskriver produkten; utländska köpare söker alltid upp er på nätet först.",
         "Get a website describing the product; foreign buyers always look you up online first."),
        (1, 1, "Lägg till engelska och målmarknadens språk på de viktigaste sidorna.",
         "Add English and the target market's language to the key pages."),
        (2, 2, None, None),
    ]),
    choice("digi_marketing_plan", "marketing", "Har ni en plan för marknadsföring på målmarknaden?",
           "Do you have a plan for marketing in the target market?", [
        opt("none", 0, "Nej", "No",
            "Gör en enkel marknadsföringsplan: budskap, kanaler, budget och mätetal för målmarknaden.",
            "Make a simple marketing plan: messages, channels, budget and measures for the target market."),
        opt("ad_hoc", 1, "Vi gör insatser när tillfälle ges", "We act when opportunities arise",
            "Samla insatserna i en årsplan med budget så att de bygger på varandra.",
            "Gather the activities into an annual plan with a budget so that they build on each other."),
        opt("planned", 2, "Ja, med budget och mål", "Yes, with budget and goals"),
    ]),
    yesno("digi_trade_fairs", "marketing", "Har ni deltagit i en mässa eller ett främjandeprogram riktat mot utlandet?",
          "Have you taken part in a trade fair or promotion programme aimed abroad?", 1,
          "Delta i en mässa eller ett exportprogram (t.ex. via Business Sweden eller regionen) för att möta köpare.",
          "Join a trade fair or export programme (e.g. via Business Sweden or the region) to meet buyers.",
          required=False),
    # --- finance ---
    number("fin_export_budget_percent", "finance", "Hur stor andel av omsättningen kan ni investera i exportsatsningen det första året?",
           "What share of turnover can you invest in the export effort in the first year?", 0, 50, PCT, [
        (0, 0, "Budgetera för exporten: resor, anpassning, marknadsföring och certifiering kostar innan intäkterna kommer.",
         "Budget for export: travel, adaptation, marketing and certification cost money before revenue comes in."),
        (2, 1, "Säkra finansiering för minst ett års exportsatsning, t.ex. med Almis exportlån eller regionala stöd.",
         "Secure funding for at least one year of export effort, e.g. with Almi's export loans or regional support."),
        (5, 2, None, None),
    ]),
    number("fin_working_capital_months", "finance", "Hur många månaders rörelsekapital har ni för att klara längre betaltider?",
           "How many months of working capital do you have to cope with longer payment terms?", 0, 24, L("månader", "months"), [
        (0, 0, "Räkna på likviditeten med exportens längre betaltider och tala med banken eller Almi om rörelsekredit.",
         "Model cash flow with the longer payment terms of export and talk to your bank or Almi about working capital."),
        (3, 1, "Överväg fakturabelåning eller exportkredit för att inte binda för mycket kapital i kundfordringar.",
         "Consider invoice financing or export credit so as not to tie up too much capital in receivables."),
        (6, 2, None, None),
    ]),
    choice("fin_pricing", "finance", "Hur har ni räknat fram exportpriset?",
           "How did you calculate the export price?", [
        opt("home_price", 0, "Samma pris som i Sverige", "Same price as in Sweden",
            "Gör en exportkalkyl med frakt, tull, partnerns marginal, valuta och betalningsvillkor.",
            "Build an export price calculation including freight, duties, partner margin, currency and payment terms."),
        opt("cost_plus", 1, "Våra kostnader plus ett påslag", "Our costs plus a mark-up",
            "Jämför kalkylen med prisnivån på marknaden; slutkundspriset avgör om ni är konkurrenskraftiga.",
            "Compare the calculation with market price levels; the end-customer price decides whether you compete."),
        opt("market_based", 2, "Kalkyl jämförd med marknadens prisnivå", "Calculation checked against market prices"),
    ]),
    choice("fin_payment_risk", "finance", "Hur skyddar ni er mot att utländska kunder inte betalar?",
           "How do you protect yourselves against foreign customers not paying?", [
        opt("none", 0, "Inte alls", "Not at all",
            "Använd förskott, remburs eller kreditförsäkring (t.ex. EKN) för nya utländska kunder.",
            "Use advance payment, letters of credit or credit insurance (e.g. EKN) for new foreign customers."),
        opt("credit_check", 1, "Vi kreditkontrollerar kunderna", "We check customers' credit",
            "Komplettera kreditkontrollen med betalningsvillkor och säkerheter som motsvarar risken.",
            "Complement credit checks with payment terms and securities matching the risk."),
        opt("secured", 2, "Säkrade villkor, remburs eller kreditförsäkring", "Secured terms, letters of credit or credit insurance"),
    ]),
    yesno("fin_currency", "finance", "Vet ni hur ni hanterar valutarisk och fakturering i utländsk valuta?",
          "Do you know how you will handle currency risk and invoicing in foreign currency?", 1,
          "Bestäm fakturavaluta och tala med banken om valutakonto och terminssäkring.",
          "Decide the invoicing currency and talk to your bank about a currency account and hedging."),
    # --- logistics ---
    yesno("log_incoterms", "logistics", "Vet ni vilka leveransvillkor (Incoterms) ni ska använda och vad de innebär för ansvar och kostnad?",
          "Do you know which delivery terms (Incoterms) to use and what they mean for responsibility and cost?", 2,
          "Lär er de vanligaste Incoterms (t.ex. EXW, FCA, DAP) och välj ett standardvillkor för era offerter.",
          "Learn the most common Incoterms (e.g. EXW, FCA, DAP) and pick a standard term for your quotes."),
    choice("log_customs", "logistics", "Hur hanterar ni tull, ursprungsregler och exportdokument?",
           "How do you handle customs, rules of origin and export documents?", [
        opt("unknown", 0, "Vet inte vad som krävs", "Do not know what is required",
            "Ta reda på varukod (HS/KN), tullsatser och ursprungsregler för produkten, t.ex. via Tullverket.",
            "Find out the product's commodity code (HS/CN), duty rates and rules of origin, e.g. via Swedish Customs."),
        opt("forwarder", 1, "Speditören sköter det", "Our forwarder handles it",
            "Se till att någon hos er förstår dokumenten; fel i ursprungsintyg och fakturor blir dyra.",
            "Make sure someone in-house understands the documents; errors in origin proofs and invoices are costly."),
        opt("in_house", 2, "Vi har egen kunskap och rutiner", "We have in-house knowledge and routines"),
    ]),
    choice("log_shipping", "logistics", "Har ni ordnat frakt och förpackning för export?",
           "Have you arranged shipping and packaging for export?", [
        opt("no", 0, "Nej", "No",
            "Begär offerter från två speditörer och testa förpackningen för längre transporter.",
            "Request quotes from two freight forwarders and test the packaging for longer transport."),
        opt("quoted", 1, "Vi har offerter", "We have quotes",
            "Gör en provleverans och följ upp tid, skador och kostnad.",
            "Make a trial shipment and follow up on lead time, damage and cost."),
        opt("tested", 2, "Ja, provat och prissatt", "Yes, tested and priced"),
    ]),
    # --- people ---
    choice("org_export_owner", "people", "Finns en person med tydligt ansvar för exporten?",
           "Is there a person clearly responsible for export?", [
        opt("none", 0, "Nej", "No",
            "Utse en exportansvarig med mandat, tid och mål; export som alla ansvarar för blir ingens uppgift.",
            "Appoint an export owner with a mandate, time and targets; export that everyone owns becomes no one's job."),
        opt("part_time", 1, "Ja, vid sidan av andra uppgifter", "Yes, alongside other duties",
            "Frigör tid för den exportansvarige eller förstärk med en exportchef på deltid (t.ex. via regionala program).",
            "Free up time for the export owner or add a part-time export manager (e.g. through regional programmes)."),
        opt("dedicated", 2, "Ja, med avsatt tid och mål", "Yes, with dedicated time and targets"),
    ]),
    choice("org_language_skills", "people", "Hur goda är språkkunskaperna hos dem som ska möta utländska kunder?",
           "How good are the language skills of those who will meet foreign customers?", [
        opt("weak", 0, "Svaga", "Weak",
            "Säkra språkstöd: utbildning, en medarbetare med rätt språk eller en partner på marknaden.",
            "Secure language support: training, a colleague with the right language or a partner in the market."),
        opt("english", 1, "God engelska", "Good English",
            "Överväg kompetens i målmarknadens språk för försäljning och support.",
            "Consider skills in the target market's language for sales and support."),
        opt("market_language", 2, "Även målmarknadens språk", "The target market's language too"),
    ]),
    yesno("org_export_training", "people", "Har någon i företaget gått en exportutbildning eller ett exportprogram?",
          "Has anyone in the company completed export training or an export programme?", 1,
          "Anmäl den exportansvarige till en exportutbildning, t.ex. hos Business Sweden, Almi eller regionens exportrådgivare.",
          "Enrol the export owner in export training, e.g. with Business Sweden, Almi or your regional export advisors.",
          required=False),
    # --- sustainability ---
    choice("sust_certification", "sustainability", "Har ni en hållbarhetscertifiering eller miljöledningssystem (t.ex. ISO 14001, Svanen)?",
           "Do you have a sustainability certification or environmental management system (e.g. ISO 14001, Nordic Swan)?", [
        opt("none", 0, "Nej", "No",
            "Kartlägg produktens miljöpåverkan och vilka certifieringar kunderna på målmarknaden frågar efter.",
            "Map the product's environmental impact and which certifications customers in the target market ask for."),
        opt("in_progress", 1, "Arbete pågår", "In progress",
            "Slutför certifieringen och lyft fram den i ert säljmaterial.",
            "Complete the certification and feature it in your sales material."),
        opt("certified", 2, "Ja", "Yes"),
    ]),
    yesno("sust_climate_data", "sustainability", "Kan ni redovisa produktens klimatpåverkan om en kund frågar?",
          "Can you report the product's climate impact if a customer asks?", 1,
          "Ta fram en enkel klimatberäkning eller miljövarudeklaration (EPD) för produkten; allt fler köpare kräver det.",
          "Produce a simple carbon footprint or environmental product declaration (EPD); more and more buyers require it."),
    choice("sust_quality_followup", "sustainability", "Hur följer ni upp kvalitet och kundnöjdhet?",
           "How do you follow up quality and customer satisfaction?", [
        opt("none", 0, "Inte systematiskt", "Not systematically",
            "Inför en enkel uppföljning av reklamationer och kundnöjdhet innan ni tar på er kunder på distans.",
            "Set up a simple follow-up of complaints and satisfaction before taking on customers at a distance."),
        opt("complaints", 1, "Vi registrerar reklamationer", "We record complaints",
            "Mät kundnöjdheten regelbundet och använd resultaten i produktutvecklingen.",
            "Measure customer satisfaction regularly and use the results in product development."),
        opt("systematic", 2, "Systematiskt, med mätning och åtgärder", "Systematically, with measures and actions"),
    ]),
    # --- tourism module (VisitSweden's export-ready criteria) ---
    choice("tour_bookable_packages", "product", "Har ni bokningsbara paket på 2–5 dagar för utländska besökare?",
           "Do you offer bookable 2–5 day packages for international visitors?", [
        opt("none", 0, "Nej", "No",
            "Paketera ert erbjudande som ett bokningsbart paket på 2–5 dagar med boende, aktiviteter och måltider.",
            "Package your offer as a bookable 2–5 day package with accommodation, activities and meals."),
        opt("on_request", 1, "På förfrågan", "On request",
            "Gör paketen fasta och bokningsbara med tydligt innehåll, datum och pris.",
            "Make the packages fixed and bookable with clear content, dates and price."),
        opt("bookable", 2, "Ja, fasta och bokningsbara", "Yes, fixed and bookable"),
    ], applies=["tourism"]),
    yesno("tour_net_rates", "finance", "Erbjuder ni provisionsgrundande nettopriser till researrangörer och resebyråer?",
          "Do you offer commissionable net rates to tour operators and travel agents?", 2,
          "Ta fram nettopriser med utrymme för 20–30 % provision till researrangörer.",
          "Set up net rates leaving room for 20–30% commission to tour operators.",
          applies=["tourism"]),
    yesno("tour_prices_ahead", "finance", "Sätter ni priserna minst 12 månader i förväg?",
          "Do you set your prices at least 12 months ahead?", 2,
          "Fastställ nästa säsongs priser minst ett år i förväg; researrangörer trycker sina kataloger långt innan.",
          "Fix next season's prices at least a year ahead; tour operators publish their catalogues long before.",
          applies=["tourism"]),
    yesno("tour_same_day_confirmation", "channels", "Bekräftar ni bokningar samma dag (inom 24 timmar)?",
          "Do you confirm bookings on the same day (within 24 hours)?", 2,
          "Inför rutiner eller ett bokningssystem som bekräftar förfrågningar inom 24 timmar.",
          "Put routines or a booking system in place that confirm requests within 24 hours.",
          applies=["tourism"]),
    yesno("tour_market_language", "marketing", "Kommunicerar ni (webb, bokning, guidning) på målmarknadens språk?",
          "Do you communicate (web, booking, guiding) in the target market's language?", 2,
          "Översätt bokningsflöde och produktinformation och säkra guidning på målmarknadens språk eller engelska.",
          "Translate the booking flow and product information and secure guiding in the market's language or English.",
          applies=["tourism"]),
    yesno("tour_sustainability_label", "sustainability", "Har ni en hållbarhetsmärkning för turism (t.ex. Naturens Bästa, Green Key, Svanen)?",
          "Do you hold a sustainable tourism label (e.g. Nature's Best, Green Key, Nordic Swan)?", 2,
          "Ansök om en hållbarhetsmärkning för turism; många researrangörer väljer bort leverantörer utan den.",
          "Apply for a sustainable tourism label; many tour operators drop suppliers without one.",
          applies=["tourism"]),
]

# The company and product context: not scored by the rubric, but described here so that the form, the
# validator and API clients read one definition (ids are the fields' paths in a submission).
def field(i, sv, en, t, required=True, **extra):
    f = {"id": i, "label": L(sv, en), "type": t, "required": required}
    f.update({k: v for k, v in extra.items() if v is not None})
    return f

context = [
    field("company.name", "Företagets namn", "Company name", "text", maxLength=200),
    field("company.sector", "Bransch", "Sector", "sector"),
    field("company.employees", "Antal anställda", "Employees", "integer", min=0, max=100000),
    field("company.turnoverSek", "Omsättning (SEK)", "Turnover (SEK)", "number", min=0, max=1000000000000, unit=L("SEK", "SEK")),
    field("company.yearFounded", "Grundat år", "Year founded", "integer", min=1600, maxIsCurrentYear=True),
    field("company.region", "Län", "Region", "region"),
    field("company.exportSharePercent", "Nuvarande exportandel (% av omsättningen)", "Current export share (% of turnover)", "number", min=0, max=100, unit=L("%", "%")),
    field("product.name", "Produktens namn", "Product name", "text", maxLength=200),
    field("product.description", "Kort beskrivning (valfri)", "Short description (optional)", "text", required=False, maxLength=2000),
    field("programme", "Program (valfritt, från er rådgivare)", "Programme (optional, from your advisor)", "text", required=False, maxLength=64, default="default"),
]

schema = {
    "schemaVersion": 1,
    "frameworks": [
        "Cavusgil: CORE (Company Readiness to Export), Michigan State University / globalEDGE",
        "U.S. Commercial Service (trade.gov): export readiness assessment",
        "UK Department for Business and Trade: export readiness guidance",
        "Austrade: export readiness checklist",
        "International Trade Centre: SME Competitiveness Grid",
        "Business Sweden and Almi: export guidance for SMEs",
        "VisitSweden: criteria for export-ready tourism products",
        "PEGIN project (ERDF, northern Sweden 2007–2013)",
    ],
    "dimensions": [{"id": i, "name": L(sv, en)} for i, sv, en in dimensions],
    "sectors": [{"id": i, "name": L(sv, en), "regulated": r} for i, sv, en, r in sectors],
    "regions": [{"id": i, "name": L(sv, en)} for i, sv, en in regions],
    "context": context,
    "questions": questions,
}

path = os.path.join(os.path.dirname(__file__), "..", "..", "src", "ExportReadiness.Core", "Questionnaire", "questionnaire.v1.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(schema, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(f"{len(questions)} questions written to {os.path.normpath(path)}")
