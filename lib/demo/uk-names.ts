// Names for demo claimants: a mix that reflects the UK, including the apostrophes, accents,
// hyphens and spaces that the bank and Payout file formats will have to clean.

export type PersonName = { firstName: string; lastName: string };

/** Always used for the first claimants, so every demo data set has the awkward cases. */
export const FEATURED_NAMES: readonly PersonName[] = [
  { firstName: "Siobhan", lastName: "O'Connor" },
  { firstName: "Zoë", lastName: "Brontë-Smith" },
  { firstName: "Mohammed", lastName: "Al-Hassan" },
  { firstName: "Seán", lastName: "Ó Briain" },
  { firstName: "Anne-Marie", lastName: "D'Souza" },
  { firstName: "Łukasz", lastName: "Wiśniewski" },
  { firstName: "Siân", lastName: "ap Gwilym" },
  { firstName: "Chloé", lastName: "Le Brun" },
];

export const FIRST_NAMES: readonly string[] = [
  "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Grace",
  "Charlie", "Freya", "Thomas", "Lily", "James", "Emily", "William", "Sophie", "Daniel", "Hannah",
  "Margaret", "David", "Susan", "John", "Patricia", "Peter", "Janet", "Michael", "Christine", "Robert",
  "Barbara", "Brian", "Maureen", "Keith", "Doreen", "Gareth", "Rhiannon", "Dylan", "Cerys", "Iwan",
  "Eilidh", "Callum", "Morag", "Fraser", "Catriona", "Hamish", "Niamh", "Ciarán", "Aoife", "Orla",
  "Declan", "Róisín", "Mohammed", "Fatima", "Aisha", "Imran", "Yusuf", "Zainab", "Hamza", "Amira",
  "Priya", "Rajesh", "Anjali", "Sanjay", "Harpreet", "Gurpreet", "Deepak", "Kiran", "Chidi", "Ngozi",
  "Oluwaseun", "Adaeze", "Kwame", "Abena", "Tendai", "Wei", "Mei", "Minh", "Agnieszka", "Piotr",
  "Zoë", "Renée", "José", "Siobhan", "Seán", "Siân", "Anne-Marie", "Jean-Paul", "Mary-Kate", "Dáithí",
];

export const LAST_NAMES: readonly string[] = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
  "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
  "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
  "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
  "Campbell", "Stewart", "MacLeod", "McDonald", "Fraser", "Murray", "Robertson", "Sinclair", "Paterson",
  "Murphy", "Kelly", "O'Brien", "O'Neill", "McCann", "Doherty", "Quinn", "Gallagher", "McLaughlin",
  "Llewellyn", "Pritchard", "Rees", "Prosser", "Khan", "Ahmed", "Hussain", "Begum", "Ali", "Rahman",
  "Chowdhury", "Sharma", "Singh", "Kaur", "Gill", "Shah", "Mistry", "Okafor", "Adeyemi", "Mensah",
  "Okonkwo", "Boateng", "Nguyen", "Wong", "Chen", "Nowak", "Kowalczyk", "Wiśniewski", "D'Souza",
  "O'Connor", "Al-Hassan", "Brontë-Smith", "Smith-Jones", "Fernández", "Da Silva", "Van der Berg",
];

export const STREET_NAMES: readonly string[] = [
  "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane",
  "Queen Street", "King's Road", "Albert Road", "The Crescent", "Manor Way", "Springfield Road",
  "Chapel Street", "Orchard Close", "Meadow View", "St John's Road", "Windsor Terrace", "Bridge Street",
  "Castle Street", "Heol y Parc", "Ffordd yr Orsaf", "Main Street", "Brae Road", "Glebe Street",
  "Riverside Drive", "Beech Grove", "Hawthorn Avenue", "Sycamore Close", "Oakfield Road", "New Road",
];

