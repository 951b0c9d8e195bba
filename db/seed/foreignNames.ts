/**
 * Names and languages for people born abroad, by birth place code (Belfiore 'Z…' codes of
 * migration 002), with how often each country appears among the programme's foreign-born people.
 */
interface Origin {
  weight: number;
  male: readonly string[];
  female: readonly string[];
  last: readonly string[];
  /** Feminine surname from the masculine one (Slavic -ov → -ova), when the language has it. */
  feminine?: (last: string) => string;
  languages: string;
}

const ROMANIAN = {
  male: ['Andrei', 'Ion', 'Mihai', 'Alexandru', 'Vasile', 'Gheorghe', 'Constantin', 'Florin', 'Adrian', 'Ionuț', 'Marian', 'Dumitru'],
  female: ['Maria', 'Elena', 'Ioana', 'Ana', 'Mihaela', 'Andreea', 'Cristina', 'Gabriela', 'Daniela', 'Natalia', 'Lilia', 'Rodica'],
  last: ['Popescu', 'Ionescu', 'Popa', 'Rusu', 'Munteanu', 'Ciobanu', 'Lungu', 'Ceban', 'Moraru', 'Stan', 'Dumitru', 'Rotaru', 'Cojocaru', 'Balan'],
};
const ARABIC = {
  male: ['Mohamed', 'Ahmed', 'Youssef', 'Rachid', 'Mustapha', 'Abdelkader', 'Karim', 'Said', 'Hicham', 'Omar', 'Khalid', 'Mehdi'],
  female: ['Fatima', 'Khadija', 'Aicha', 'Naima', 'Samira', 'Latifa', 'Nadia', 'Salma', 'Meriem', 'Zineb', 'Hanane', 'Souad'],
  last: ['El Amrani', 'Benali', 'Bouzid', 'Haddad', 'Mansouri', 'Chaouki', 'El Idrissi', 'Saidi', 'Hassan', 'Mahmoud', 'Lahlou', 'Ouali', 'Trabelsi', 'Ben Salah'],
};
const SPANISH = {
  male: ['José', 'Luis', 'Carlos', 'Juan', 'Jorge', 'Miguel', 'Edwin', 'Wilson', 'Javier', 'Diego', 'Víctor', 'Fernando'],
  female: ['María', 'Rosa', 'Carmen', 'Ana', 'Gladys', 'Patricia', 'Elizabeth', 'Silvia', 'Lucía', 'Mónica', 'Jessica', 'Pilar'],
  last: ['García', 'Rodríguez', 'Quispe', 'Flores', 'Mendoza', 'Torres', 'Vargas', 'Ramírez', 'Castro', 'Chávez', 'Sánchez', 'Pérez', 'Huamán', 'Zambrano'],
};
const slavicFeminine = (last: string): string => (/(ov|ev|in)$/.test(last) ? `${last}a` : last);

export const ORIGINS: Record<string, Origin> = {
  Z129: { weight: 16, ...ROMANIAN, languages: 'rumeno' }, // Romania
  Z140: { weight: 7, ...ROMANIAN, languages: 'rumeno, russo' }, // Moldova
  Z100: {
    weight: 8,
    male: ['Arben', 'Ilir', 'Gentian', 'Besnik', 'Erion', 'Fatmir', 'Klodian', 'Dritan', 'Altin', 'Ardit'],
    female: ['Blerta', 'Elona', 'Anila', 'Mirela', 'Jonida', 'Esmeralda', 'Valbona', 'Ermira', 'Lindita', 'Arjola'],
    last: ['Hoxha', 'Shehu', 'Leka', 'Basha', 'Dervishi', 'Kola', 'Gjoka', 'Marku', 'Berisha', 'Cela', 'Hasani', 'Prifti'],
    languages: 'albanese',
  },
  Z330: { weight: 11, ...ARABIC, languages: 'arabo, francese' }, // Marocco
  Z352: { weight: 5, ...ARABIC, languages: 'arabo, francese' }, // Tunisia
  Z336: { weight: 2, ...ARABIC, languages: 'arabo' }, // Egitto
  Z138: {
    weight: 8,
    male: ['Oleksandr', 'Andriy', 'Serhiy', 'Volodymyr', 'Mykola', 'Dmytro', 'Yuriy', 'Vasyl', 'Ivan', 'Petro'],
    female: ['Olena', 'Natalia', 'Iryna', 'Oksana', 'Tetiana', 'Svitlana', 'Halyna', 'Lyudmyla', 'Yulia', 'Nadiya'],
    last: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko', 'Oliynyk', 'Koval', 'Marchenko', 'Savchuk', 'Rudenko'],
    languages: 'ucraino, russo',
  },
  Z236: {
    weight: 8,
    male: ['Muhammad', 'Ali', 'Imran', 'Asif', 'Bilal', 'Usman', 'Kamran', 'Tariq', 'Shahid', 'Waqas'],
    female: ['Ayesha', 'Fatima', 'Saima', 'Nazia', 'Sana', 'Rubina', 'Shazia', 'Amna', 'Hina', 'Bushra'],
    last: ['Khan', 'Ahmed', 'Hussain', 'Akhtar', 'Iqbal', 'Butt', 'Malik', 'Shah', 'Raza', 'Qureshi', 'Chaudhry', 'Javed'],
    languages: 'urdu, inglese',
  },
  Z249: {
    weight: 7,
    male: ['Mohammad', 'Rahim', 'Karim', 'Hossain', 'Alamgir', 'Jahangir', 'Shahidul', 'Mizanur', 'Rafiqul', 'Kamrul'],
    female: ['Nasrin', 'Shirin', 'Rokeya', 'Taslima', 'Shapla', 'Ruma', 'Nargis', 'Salma', 'Parvin', 'Moushumi'],
    last: ['Rahman', 'Hossain', 'Islam', 'Uddin', 'Miah', 'Alam', 'Sarker', 'Chowdhury', 'Ahmed', 'Haque', 'Akter', 'Sheikh'],
    languages: 'bengalese',
  },
  Z222: {
    weight: 2,
    male: ['Rajesh', 'Amit', 'Sunil', 'Gurpreet', 'Harpreet', 'Sandeep', 'Vijay', 'Ravi', 'Manoj', 'Sukhwinder'],
    female: ['Priya', 'Sunita', 'Anita', 'Pooja', 'Neha', 'Manpreet', 'Kiranjit', 'Rani', 'Sonia', 'Geeta'],
    last: ['Singh', 'Kaur', 'Kumar', 'Sharma', 'Patel', 'Gill', 'Sandhu', 'Sidhu', 'Dhillon', 'Verma'],
    languages: 'punjabi, hindi, inglese',
  },
  Z209: {
    weight: 3,
    male: ['Nimal', 'Sunil', 'Chaminda', 'Ruwan', 'Kasun', 'Pradeep', 'Mahesh', 'Nuwan', 'Saman', 'Lasantha'],
    female: ['Kumari', 'Nadeesha', 'Chamari', 'Dilani', 'Sanduni', 'Malini', 'Shiromi', 'Anoma', 'Ishara', 'Nirosha'],
    last: ['Perera', 'Fernando', 'Silva', 'De Silva', 'Jayasinghe', 'Wickramasinghe', 'Bandara', 'Dissanayake', 'Gunawardena', 'Rathnayake'],
    languages: 'singalese, inglese',
  },
  Z210: {
    weight: 5,
    male: ['Wei', 'Jian', 'Hao', 'Lei', 'Jun', 'Ming', 'Qiang', 'Yong', 'Tao', 'Bin'],
    female: ['Li', 'Mei', 'Xiu', 'Yan', 'Jing', 'Fang', 'Hui', 'Ying', 'Lan', 'Xiaoli'],
    last: ['Hu', 'Chen', 'Zhou', 'Wang', 'Zhang', 'Lin', 'Huang', 'Ye', 'Wu', 'Xu', 'Jin', 'Zheng'],
    languages: 'cinese',
  },
  Z216: {
    weight: 5,
    male: ['Jose', 'Mark', 'John Paul', 'Rodel', 'Ramon', 'Jerome', 'Reynaldo', 'Arnel', 'Jun', 'Ronaldo'],
    female: ['Maria Cristina', 'Rosalie', 'Marites', 'Jocelyn', 'Analyn', 'Marilou', 'Jennifer', 'Lorna', 'Cherry', 'Lovely'],
    last: ['Dela Cruz', 'Santos', 'Reyes', 'Garcia', 'Mendoza', 'Bautista', 'Villanueva', 'Ramos', 'Aquino', 'Castillo'],
    languages: 'tagalog, inglese',
  },
  Z335: {
    weight: 4,
    male: ['Chinedu', 'Emeka', 'Oluwaseun', 'Samuel', 'Godwin', 'Chukwuma', 'Tunde', 'Ikechukwu', 'Daniel', 'Friday'],
    female: ['Blessing', 'Chioma', 'Ngozi', 'Grace', 'Joy', 'Favour', 'Precious', 'Adaeze', 'Funmilayo', 'Esther'],
    last: ['Okafor', 'Okonkwo', 'Adeyemi', 'Eze', 'Obi', 'Nwosu', 'Ogunleye', 'Ibrahim', 'Uche', 'Okoro'],
    languages: 'inglese, igbo',
  },
  Z318: {
    weight: 2,
    male: ['Kwame', 'Kofi', 'Kwabena', 'Yaw', 'Kojo', 'Emmanuel', 'Isaac', 'Prince'],
    female: ['Abena', 'Akosua', 'Ama', 'Efua', 'Adwoa', 'Comfort', 'Gifty', 'Mercy'],
    last: ['Mensah', 'Owusu', 'Boateng', 'Osei', 'Asante', 'Appiah', 'Agyeman', 'Darko'],
    languages: 'inglese, twi',
  },
  Z343: {
    weight: 3,
    male: ['Mamadou', 'Ousmane', 'Ibrahima', 'Cheikh', 'Moussa', 'Abdoulaye', 'Modou', 'Babacar'],
    female: ['Fatou', 'Aminata', 'Awa', 'Mariama', 'Khady', 'Ndeye', 'Coumba', 'Astou'],
    last: ['Diop', 'Ndiaye', 'Fall', 'Sow', 'Diallo', 'Gueye', 'Faye', 'Sarr', 'Ba', 'Cissé'],
    languages: 'francese, wolof',
  },
  Z611: { weight: 3, ...SPANISH, languages: 'spagnolo' }, // Perù
  Z605: { weight: 2, ...SPANISH, languages: 'spagnolo' }, // Ecuador
  Z131: { weight: 0.5, ...SPANISH, languages: 'spagnolo, inglese' }, // Spagna
  Z127: {
    weight: 3,
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Marek', 'Andrzej', 'Paweł', 'Michał', 'Jan', 'Grzegorz', 'Łukasz'],
    female: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Joanna', 'Barbara', 'Ewa', 'Magdalena', 'Monika', 'Dorota'],
    last: ['Nowak', 'Wójcik', 'Kowalczyk', 'Mazur', 'Krawczyk', 'Zając', 'Król', 'Wieczorek', 'Dudek', 'Sikora'],
    languages: 'polacco',
  },
  Z104: {
    weight: 1,
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay', 'Petar', 'Hristo', 'Stoyan', 'Todor'],
    female: ['Maria', 'Ivanka', 'Elena', 'Desislava', 'Galina', 'Tsvetelina', 'Radka', 'Silvia'],
    last: ['Ivanov', 'Georgiev', 'Dimitrov', 'Petrov', 'Nikolov', 'Stoyanov', 'Todorov', 'Kolev'],
    feminine: slavicFeminine,
    languages: 'bulgaro',
  },
  Z112: {
    weight: 0.5,
    male: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Markus', 'Jürgen'],
    female: ['Sabine', 'Petra', 'Claudia', 'Monika', 'Andrea', 'Katrin'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Wagner'],
    languages: 'tedesco, inglese',
  },
  Z110: {
    weight: 0.5,
    male: ['Pierre', 'Jean', 'Nicolas', 'Philippe', 'Julien', 'Olivier'],
    female: ['Marie', 'Sophie', 'Nathalie', 'Isabelle', 'Camille', 'Céline'],
    last: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefebvre', 'Girard'],
    languages: 'francese, inglese',
  },
};

export function foreignName(origin: Origin, sex: 'M' | 'F', pick: <T>(items: readonly T[]) => T): { firstName: string; lastName: string } {
  const firstName = pick(sex === 'M' ? origin.male : origin.female);
  const last = pick(origin.last);
  return { firstName, lastName: sex === 'F' && origin.feminine ? origin.feminine(last) : last };
}
