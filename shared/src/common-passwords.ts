// The commonest passwords of eight characters or more (shorter ones fail the length rule anyway): the top of
// the published leak lists (rockyou, the 2011 CSDN and 163/126 leaks, NCSC's top 100,000) that people in China
// and elsewhere actually choose, with the keyboard walks, years, dates and 爱你 number codes they are built from.
// Compared without case, so 'Password1' counts as 'password1'.
const LIST = `
00000000 000000000 0000000000 11111111 111111111 1111111111 11112222 11223344 112233445566 12121212 12211221
123123123 12312312 1234512345 12341234 123456123 1234567 12345678 123456789 1234567890 12345678910 1234567899
123456abc 123456789a 123456789abc 12345678a 1234abcd 123654789 123qwe123 1314520520 131452000 147258369 147852369
159357159357 159753159753 19491001 19861010 19870624 19880808 19900101 20080808 20202020 20212021 20222022
22222222 33333333 44444444 55555555 5201314520 52013145201314 5201314a 520520520 55667788 6666666666 66666666
66668888 77777777 7758521521 7758258520 87654321 88888888 888888888 8888888888 987654321 9876543210 99999999
a1234567 a12345678 a123456789 a1b2c3d4 a1b2c3d4e5 aa123456 aa12345678 aaaaaaaa abc12345 abc123456 abc1234567
abc123456789 abcd1234 abcd12345 abcd@1234 abc@1234 abc@123456 abcdefg1 abcdefgh abcdefg123 admin111 admin123
admin1234 admin12345 admin123456 admin888 admin@123 admin@1234 admin@2023 admin@2024 admin@2025 admin@2026
administrator asd123456 asdasdasd asdf1234 asdfasdf asdfghjk asdfghjkl aa112233 baseball1 babygirl1 bugaosuni
changeme changeme1 computer1 d123456789 dearbook dragon123 football1 iloveyou iloveyou1 iloveyou2 jordan23
letmein1 letmein123 liangge1 longlong michael1 monkey123 nicholas password password! password1 password12
password123 password1234 passw0rd p@ssw0rd p@ssword p@ssw0rd1 p@ssw0rd123 princess1 q1w2e3r4 q1w2e3r4t5
qazwsxedc qazwsx123 qq123456 qq1234567 qq123456789 qwe12345 qwe123456 qweasdzxc qwer1234 qwerasdf qwert123
qwerty12 qwerty123 qwerty1234 qwertyui qwertyuiop root1234 root123456 root@123 shadow123 sunshine sunshine1
superman superman1 test1234 test12345 test123456 trustno1 w123456789 wang123456 welcome1 welcome123 woaini1314
woaini520 woainima wodemima xiaoming yangyang zhang123 zhang123456 zxcvbnm1 zxcvbnm123 zxcvbnma 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qaz2wsx3edc 1qaz@wsx 1qazxsw2 2wsx3edc 3edc4rfv aa123456! abc123!@#
tiantai123 tiantai2023 tiantai2024 tiantai2025 tiantai2026 taizhou123 zhejiang123
`;

const COMMON = new Set(LIST.split(/\s+/).filter(Boolean));

/** True for a password on the shipped list of the commonest ones. */
export const isCommonPassword = (password: string): boolean => COMMON.has(password.toLowerCase());
