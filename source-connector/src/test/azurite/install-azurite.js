// Installs the Azurite emulator from npm for the Azure Blob storage tests, unless the wanted
// version is already there. Run by the Maven build (exec-maven-plugin, pre-integration-test):
//   node install-azurite.js <install dir> <azurite version>
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const [dir, version] = process.argv.slice(2);
if (!dir || !version) {
  console.error('usage: node install-azurite.js <install dir> <azurite version>');
  process.exit(2);
}
const pkg = path.join(dir, 'node_modules', 'azurite', 'package.json');
if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).version === version) {
  console.log(`Azurite ${version} is already installed in ${dir}`);
  process.exit(0);
}
console.log(`Installing Azurite ${version} from npm into ${dir}`);
fs.mkdirSync(dir, { recursive: true });
execSync(
  `npm install --no-save --no-audit --no-fund --loglevel=error --prefix "${dir}" azurite@${version}`,
  { stdio: 'inherit' });
