/** A compact list of very common passwords, lowercased: refused by `commonPasswords()`. */
export const COMMON_PASSWORDS: string = `
123456 password 123456789 12345678 12345 qwerty 1234567 111111 1234567890 123123 abc123 1234
password1 iloveyou 1q2w3e4r 000000 qwerty123 zaq12wsx dragon sunshine princess letmein 654321
monkey 27653 1qaz2wsx 123321 qwertyuiop superman asdfghjkl trustno1 jordan23 welcome 666666
football baseball master michael shadow 121212 123qwe 7777777 killer jennifer hunter buster
soccer harley batman andrew tigger charlie robert thomas hockey ranger daniel starwars klaster
112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777
pass maggie 159753 aaaaaa ginger joshua cheese amanda summer love ashley nicole chelsea biteme
matthew access yankees 987654321 dallas austin thunder taylor matrix mobilemail mom monitor
monitoring montana moon moscow william corvette hello martin heather secret merlin diamond
1234qwer gfhjkm hammer silver 222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick
internet scooter orange 11111 golfer cookie richard samantha bigdog guitar jackson whatever
mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome1 falcon cowboy ferrari
samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider
nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq
purple hardcore banana junior hannah 123654 porsche lakers iceman money cowboys 987654 london
tennis 999999 ncc1701 coffee scooby 0000 miller boston q1w2e3r4 brandon yamaha chester mother
forever johnny edward 333333 oliver redsox player nikita knight fender barney midnight please
brandy chicago badboy slayer rangers charles angel flower rabbit wizard bigdick jasper enter
rachel chris steven winner adidas victoria natasha 1q2w3e world golf barcelona alexander loveme
pokemon blink182 password123 qwerty1 abcd1234 aa123456 admin admin123 root toor changeme default
guest user login passw0rd p@ssw0rd p@ssword pa55word passwort motdepasse contraseña senha parola
wachtwoord haslo 123abc abc12345 a123456 123456a 1234abcd qwe123 asd123 zxc123 qazwsx qweasd
qweasdzxc 1qazxsw2 zaq1xsw2 asdf1234 asdfasdf asdfgh zxcvbnm qwertyu 1q2w3e4r5t 1q2w3e4r5t6y
qwerty12 qwerty1234 iloveyou1 iloveu lovely loveyou princess1 sunshine1 football1 baseball1
monkey1 dragon1 shadow1 master1 superman1 batman1 michael1 jordan 123456789a 1234567a 12345a
12345q 111111a 112233a 123qweasd trustno1a letmein1 welcome123 hello123 test123 test1234 testing
secret123 god jesus jesus1 christ blessed angel1 heaven liverpool chelsea1 arsenal1 manchester
united juventus realmadrid ronaldo messi soccer1 hockey1 basketball baseball2 nfl nba summer1
winter spring autumn january february march april june july august september october november
december monday friday sunday 2000 2001 2010 2020 2021 2022 2023 2024 2025 1990 1991 1992 1993
1994 1995 1996 1997 1998 1999 1980 1985 1987 1988 1989 123456789012 1234567891 0987654321
09876543 87654321 7654321 76543210 01234567 012345 010101 101010 123abc123 aaaaaaaa abcdef
abcdefg abcdefgh abcabc qqqqqq qqqqqqqq zzzzzz asdasd asdasdasd qwe qweqwe 123 1111111
11111111111 00000000 12341234 1212 121314 4321 54321 98765 696969 6969 12344321 147258369 147258
159357 741852963 789456123 789456 456789 456123 321654 963852741 135790 246810 102030 202020
303030 123654789 1470258369 cheese1 pepper1 ginger1 cookie1 muffin cupcake butter chocolate candy
sugar honey sweetie baby babygirl babyboy sexy hottie lover killer1 hunter1 hunter2 tiger tiger1
lion eagle wolf bear shark snake dragon123 monkey123 kitten kitty puppy doggie dog cat freedom1
liberty america usa canada australia england france germany italy spain mexico brazil india china
japan russia poland ireland scotland newyork california texas florida london1 paris berlin madrid
rome tokyo sydney toronto chicago1 boston1 computer1 internet1 network server system windows
linux ubuntu apple macintosh microsoft google facebook twitter yahoo hotmail gmail amazon netflix
youtube instagram matrix1 starwars1 startrek pokemon1 naruto batman123 superman123 spiderman
ironman hulk thor avengers marvel batman1234 zelda mario nintendo playstation xbox minecraft
fortnite roblox gaming gamer player1 qwerty7 asdf qwert 1qaz 2wsx !qaz2wsx 1qaz@wsx p4ssw0rd
pa$$word passw0rd1 password2 password12 password1234 password! password01 mypassword yourpassword
newpassword oldpassword nopassword changeit letmein123 welcome2 access14 master12 shadow12
dragon12 monkey12 qazwsxedc qwerty123456 123qwe123 1a2b3c 1a2b3c4d a1b2c3 a1b2c3d4 abc123456
abc1234 123456abc admin1 administrator root123 toor123 support service oracle mysql postgres
database sql`;
