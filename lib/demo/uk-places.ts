// Real towns with real postcode districts, so a demo postcode always matches its town's area.

export type UkCountry = "England" | "Wales" | "Scotland" | "Northern Ireland";

export type UkTown = {
  town: string;
  county: string;
  country: UkCountry;
  /** Outward codes that belong to the town. */
  districts: readonly string[];
  /** Neighbourhoods, used as the optional second address line. */
  localities: readonly string[];
  /** A nearby town, for journey descriptions. */
  nearby: string;
  hospital: string;
  /** Relative share of claimants, roughly following population. */
  weight: number;
};

export const UK_TOWNS: readonly UkTown[] = [
  { town: "Leeds", county: "West Yorkshire", country: "England", districts: ["LS6", "LS8", "LS11", "LS17"], localities: ["Headingley", "Roundhay", "Beeston", "Moortown"], nearby: "Wakefield", hospital: "St James's University Hospital", weight: 5 },
  { town: "Wakefield", county: "West Yorkshire", country: "England", districts: ["WF1", "WF2", "WF4"], localities: ["Sandal", "Outwood", "Horbury"], nearby: "Leeds", hospital: "Pinderfields Hospital", weight: 2 },
  { town: "Bradford", county: "West Yorkshire", country: "England", districts: ["BD3", "BD8", "BD9"], localities: ["Bradford Moor", "Manningham", "Heaton"], nearby: "Leeds", hospital: "Bradford Royal Infirmary", weight: 3 },
  { town: "Sheffield", county: "South Yorkshire", country: "England", districts: ["S6", "S10", "S11"], localities: ["Hillsborough", "Crookes", "Ecclesall"], nearby: "Rotherham", hospital: "Northern General Hospital", weight: 4 },
  { town: "Manchester", county: "Greater Manchester", country: "England", districts: ["M14", "M20", "M21"], localities: ["Fallowfield", "Didsbury", "Chorlton"], nearby: "Stockport", hospital: "Manchester Royal Infirmary", weight: 5 },
  { town: "Liverpool", county: "Merseyside", country: "England", districts: ["L8", "L15", "L18"], localities: ["Toxteth", "Wavertree", "Allerton"], nearby: "Warrington", hospital: "Royal Liverpool University Hospital", weight: 4 },
  { town: "Birmingham", county: "West Midlands", country: "England", districts: ["B13", "B17", "B29"], localities: ["Moseley", "Harborne", "Selly Oak"], nearby: "Coventry", hospital: "Queen Elizabeth Hospital", weight: 6 },
  { town: "Coventry", county: "West Midlands", country: "England", districts: ["CV2", "CV3", "CV5"], localities: ["Walsgrave", "Cheylesmore", "Earlsdon"], nearby: "Birmingham", hospital: "University Hospital Coventry", weight: 2 },
  { town: "Bristol", county: "City of Bristol", country: "England", districts: ["BS3", "BS6", "BS7"], localities: ["Bedminster", "Redland", "Horfield"], nearby: "Bath", hospital: "Southmead Hospital", weight: 4 },
  { town: "Newcastle upon Tyne", county: "Tyne and Wear", country: "England", districts: ["NE2", "NE4", "NE6"], localities: ["Jesmond", "Fenham", "Byker"], nearby: "Sunderland", hospital: "Royal Victoria Infirmary", weight: 3 },
  { town: "Nottingham", county: "Nottinghamshire", country: "England", districts: ["NG5", "NG7"], localities: ["Sherwood", "Lenton"], nearby: "Derby", hospital: "Queen's Medical Centre", weight: 3 },
  { town: "Leicester", county: "Leicestershire", country: "England", districts: ["LE2", "LE3", "LE4"], localities: ["Clarendon Park", "Braunstone", "Belgrave"], nearby: "Loughborough", hospital: "Leicester Royal Infirmary", weight: 3 },
  { town: "Norwich", county: "Norfolk", country: "England", districts: ["NR2", "NR3", "NR4"], localities: ["Golden Triangle", "Sprowston", "Eaton"], nearby: "Great Yarmouth", hospital: "Norfolk and Norwich University Hospital", weight: 2 },
  { town: "Plymouth", county: "Devon", country: "England", districts: ["PL1", "PL4", "PL6"], localities: ["Stonehouse", "Mutley", "Derriford"], nearby: "Exeter", hospital: "Derriford Hospital", weight: 2 },
  { town: "Brighton", county: "East Sussex", country: "England", districts: ["BN1", "BN2"], localities: ["Hanover", "Kemptown"], nearby: "Worthing", hospital: "Royal Sussex County Hospital", weight: 2 },
  { town: "London", county: "Greater London", country: "England", districts: ["E8", "N7", "SE15", "SW9", "NW10"], localities: ["Hackney", "Holloway", "Peckham", "Brixton", "Willesden"], nearby: "Croydon", hospital: "King's College Hospital", weight: 10 },
  { town: "Hull", county: "East Riding of Yorkshire", country: "England", districts: ["HU3", "HU5"], localities: ["Anlaby Road", "Newland"], nearby: "Beverley", hospital: "Hull Royal Infirmary", weight: 2 },
  { town: "York", county: "North Yorkshire", country: "England", districts: ["YO10", "YO24", "YO31"], localities: ["Fulford", "Acomb", "Heworth"], nearby: "Harrogate", hospital: "York Hospital", weight: 2 },
  { town: "Carlisle", county: "Cumbria", country: "England", districts: ["CA1", "CA2"], localities: ["Botcherby", "Denton Holme"], nearby: "Penrith", hospital: "Cumberland Infirmary", weight: 1 },
  { town: "Truro", county: "Cornwall", country: "England", districts: ["TR1"], localities: ["Malpas", "Kenwyn"], nearby: "Falmouth", hospital: "Royal Cornwall Hospital", weight: 1 },
  { town: "Cardiff", county: "South Glamorgan", country: "Wales", districts: ["CF5", "CF14", "CF24"], localities: ["Llandaff", "Whitchurch", "Roath"], nearby: "Newport", hospital: "University Hospital of Wales", weight: 3 },
  { town: "Swansea", county: "West Glamorgan", country: "Wales", districts: ["SA1", "SA2", "SA6"], localities: ["St Thomas", "Sketty", "Morriston"], nearby: "Neath", hospital: "Morriston Hospital", weight: 2 },
  { town: "Newport", county: "Gwent", country: "Wales", districts: ["NP19", "NP20"], localities: ["Maindee", "Shaftesbury"], nearby: "Cardiff", hospital: "Royal Gwent Hospital", weight: 1 },
  { town: "Wrexham", county: "Clwyd", country: "Wales", districts: ["LL11", "LL13"], localities: ["Rhosddu", "Caia Park"], nearby: "Chester", hospital: "Wrexham Maelor Hospital", weight: 1 },
  { town: "Bangor", county: "Gwynedd", country: "Wales", districts: ["LL57"], localities: ["Upper Bangor", "Hirael"], nearby: "Llandudno", hospital: "Ysbyty Gwynedd", weight: 1 },
  { town: "Aberystwyth", county: "Ceredigion", country: "Wales", districts: ["SY23"], localities: ["Penparcau", "Llanbadarn Fawr"], nearby: "Machynlleth", hospital: "Bronglais Hospital", weight: 1 },
  { town: "Glasgow", county: "Lanarkshire", country: "Scotland", districts: ["G11", "G31", "G42"], localities: ["Partick", "Dennistoun", "Govanhill"], nearby: "Paisley", hospital: "Queen Elizabeth University Hospital", weight: 4 },
  { town: "Edinburgh", county: "Midlothian", country: "Scotland", districts: ["EH6", "EH9", "EH11"], localities: ["Leith", "Marchmont", "Gorgie"], nearby: "Livingston", hospital: "Royal Infirmary of Edinburgh", weight: 3 },
  { town: "Aberdeen", county: "Aberdeenshire", country: "Scotland", districts: ["AB10", "AB15", "AB24"], localities: ["Ferryhill", "Hazlehead", "Old Aberdeen"], nearby: "Stonehaven", hospital: "Aberdeen Royal Infirmary", weight: 1 },
  { town: "Dundee", county: "Angus", country: "Scotland", districts: ["DD2", "DD3", "DD4"], localities: ["Lochee", "Hilltown", "Broughty Ferry"], nearby: "Perth", hospital: "Ninewells Hospital", weight: 1 },
  { town: "Inverness", county: "Inverness-shire", country: "Scotland", districts: ["IV2", "IV3"], localities: ["Crown", "Dalneigh"], nearby: "Nairn", hospital: "Raigmore Hospital", weight: 1 },
  { town: "Belfast", county: "County Antrim", country: "Northern Ireland", districts: ["BT5", "BT7", "BT9", "BT12", "BT15"], localities: ["Ballyhackamore", "Ormeau", "Malone", "Falls", "Skegoneill"], nearby: "Lisburn", hospital: "Royal Victoria Hospital", weight: 3 },
  { town: "Londonderry", county: "County Londonderry", country: "Northern Ireland", districts: ["BT47", "BT48"], localities: ["Waterside", "Bogside"], nearby: "Coleraine", hospital: "Altnagelvin Area Hospital", weight: 1 },
  { town: "Newry", county: "County Down", country: "Northern Ireland", districts: ["BT34", "BT35"], localities: ["Drumalane", "Derrybeg"], nearby: "Banbridge", hospital: "Daisy Hill Hospital", weight: 1 },
  { town: "Enniskillen", county: "County Fermanagh", country: "Northern Ireland", districts: ["BT74"], localities: ["Cornagrade", "Derrychara"], nearby: "Omagh", hospital: "South West Acute Hospital", weight: 1 },
];

// The inward code's last two letters never use C, I, K, M, O or V.
export const POSTCODE_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

/** Real sort codes of UK banks and building societies; every one has a modulus-table entry. */
export const DEMO_SORT_CODES: readonly { sortCode: string; bank: string }[] = [
  { sortCode: "200000", bank: "Barclays" },
  { sortCode: "401160", bank: "HSBC UK" },
  { sortCode: "309626", bank: "Lloyds Bank" },
  { sortCode: "602460", bank: "NatWest" },
  { sortCode: "090128", bank: "Santander UK" },
  { sortCode: "070116", bank: "Nationwide Building Society" },
  { sortCode: "110001", bank: "Halifax" },
  { sortCode: "040004", bank: "Monzo" },
  { sortCode: "608371", bank: "Starling Bank" },
  { sortCode: "830608", bank: "Royal Bank of Scotland" },
  { sortCode: "950129", bank: "Danske Bank" },
  { sortCode: "774926", bank: "TSB" },
];
