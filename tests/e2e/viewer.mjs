// End-to-end test of `govreport serve` in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): open the pages as a reader would, follow a figure's link, post a comment
// through the captcha, check a chart renders, and save screenshots of the main pages.
// usage: node viewer.mjs BASE_URL REPORT_PATH CHART_PATH SCREENSHOT_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, reportPath, chartPath, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let checks = 0;
function check(cond, what) {
  if (!cond) {
    console.log('FAIL:', what);
    process.exitCode = 1;
    throw new Error(what);
  }
  checks++;
  console.log('ok  ', what);
}

// A report page as a reader sees it: no site text (menus, 打印, 字号, footers) shown in the body until
// its toggle is opened, headings that are headings (no paragraph run into one), contents naming the
// parts in Chinese, a breadcrumb naming every step.
async function reportReadsWell(page, what) {
  const shownSiteText = await page.locator('article.report p.bp').evaluateAll((ps) => ps.filter((p) => p.checkVisibility()).length);
  check(shownSiteText === 0, `${what}: no site text shown in the body (it is folded)`);
  const toggles = await page.locator('article.report details.bp').count();
  const siteText = await page.locator('article.report p.bp').count();
  check(siteText === 0 || toggles > 0, `${what}: its ${siteText} paragraphs of site text sit behind ${toggles} 网站文字 toggle(s)`);
  const longest = Math.max(0, ...(await page.locator('article.report h3').allInnerTexts()).map((t) => t.length));
  check(longest <= 80, `${what}: every heading is a heading, not a paragraph (longest ${longest} characters)`);
  const toc = await page.locator('nav .toc').innerText();
  check(/工作回顾|五年回顾/.test(toc) && !/review of|front matter/.test(toc), `${what}: the contents name the parts in Chinese`);
  const crumbs = await page.locator('p.crumbs').innerText();
  // a report of no known division (the bundled fictional county, /d/ID) has no level or region to name
  const steps = page.url().includes('/d/') ? 1 : 3;
  check((await page.locator('p.crumbs a').count()) >= steps && /\d{4}年$/.test(crumbs.trim()), `${what}: the breadcrumb names every step (${crumbs.trim()})`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  // home
  await page.goto(base + '/');
  check((await page.title()).includes('Government work reports'), 'home page opens');
  // Chinese drawn with a font that has it, not as boxes: the page's font draws 报告 otherwise than
  // it draws two characters no font has (private use), pixel for pixel
  const glyphs = await page.evaluate(() => {
    const font = getComputedStyle(document.body).fontFamily;
    const draw = (t) => {
      const c = document.createElement('canvas');
      c.width = 80; c.height = 40;
      const x = c.getContext('2d');
      x.font = `28px ${font}`;
      x.fillText(t, 2, 30);
      return Array.from(x.getImageData(0, 0, 80, 40).data).join(',');
    };
    return { han: draw('报告'), missing: draw('\uE000\uE001'), blank: draw('') };
  });
  check(glyphs.han !== glyphs.blank && glyphs.han !== glyphs.missing, 'Chinese text renders with a CJK font, not as missing-glyph boxes');
  await page.screenshot({ path: `${shots}/home.png`, fullPage: true });

  // browse: the levels, then the provinces, then one year's
  await page.goto(base + '/browse/province');
  check((await page.locator('main a').count()) > 0, 'browse lists the provinces');
  const yearLinks = await page.locator('p.years a').count();
  if (yearLinks) {
    await page.locator('p.years a').first().click();
    check(/\d{4}年$/.test((await page.locator('p.crumbs').innerText()).trim()), 'a year of one level, under a breadcrumb of every step');
    await page.goto(base + '/browse/province');
  }
  await page.screenshot({ path: `${shots}/browse.png`, fullPage: false });

  // the report: figures highlighted, a figure's link leads to its row in the facts table
  await page.goto(base + reportPath);
  const figs = page.locator('a.fig');
  const n = await figs.count();
  check(n > 10, `the report shows ${n} highlighted figures`);
  const fig = figs.nth(Math.min(5, n - 1));
  const hover = await fig.getAttribute('title');
  check(/: .+ · (actual|target)/.test(hover), `a figure tells its metric, value and role on hover: ${hover.slice(0, 60)}`);
  const href = await fig.getAttribute('href');
  await reportReadsWell(page, 'the report');
  await page.screenshot({ path: `${shots}/report.png` });
  await fig.click();
  check(page.url().endsWith(href), `clicking the figure goes to ${href}`);
  const row = page.locator(`tr${href}`);
  check(await row.isVisible(), 'its row in the facts table is shown');
  const bg = await row.evaluate((el) => getComputedStyle(el).backgroundColor);
  check(bg !== 'rgba(0, 0, 0, 0)', `the row is highlighted as the target (${bg})`);
  const metric = (await row.locator('td').nth(1).innerText()).split('\n')[0].trim();
  check(hover.startsWith(metric.split(' ')[0]), `the row names the same metric (${metric})`);

  // a comment on that figure, through the captcha
  await row.locator('a', { hasText: 'comment' }).click();
  check(await page.locator('form.c').isVisible(), 'the comment form opens from the figure');
  await page.screenshot({ path: `${shots}/comment-form.png`, fullPage: false });
  const img = page.locator('img#captcha');
  // the image is drawn on the server when asked (a PNG): wait for it to arrive (slow under valgrind)
  const width = await img.evaluate((el) => (el.complete ? el.naturalWidth : new Promise((done) => {
    el.addEventListener('load', () => done(el.naturalWidth));
    el.addEventListener('error', () => done(0));
  })));
  check(width > 0, 'the captcha image renders');
  const token = await page.locator('input[name=token]').inputValue();
  const answer = (await page.request.get(`${base}/captcha/${token}.png`)).headers()['x-test-captcha-answer'];
  check(/^\d{5}$/.test(answer || ''), 'the test key gives the answer');
  const words = `<script>window.pwned=1</script>This figure is wrong ${Date.now()}`;
  await page.fill('#name', 'e2e <b>reader</b>');
  await page.fill('#body', words);
  await page.fill('#answer', answer);
  await page.click('button[type=submit]');
  await page.waitForURL(/#comments$/);
  const last = page.locator('.comment').last();
  check((await last.innerText()).includes(words), 'the comment is shown under the report, as text');
  check((await last.locator('script, b').count()) === 0, 'no markup from the comment made it into the page');
  check(await page.evaluate(() => window.pwned === undefined), 'no script from the comment ran');
  check((await last.innerText()).includes('on figure'), 'the comment says which figure it is about');
  await page.screenshot({ path: `${shots}/comments.png`, fullPage: false });

  // a 2026 provincial report as scraped: the site's chrome folded away, headings short
  if (chartPath.includes('440000')) {
    await page.goto(base + '/r/440000/2026');
    await reportReadsWell(page, 'a 2026 provincial report');
    await page.screenshot({ path: `${shots}/province-report.png` });
    // the same report with the environment dictionary's terms marked, as govreport terms counts them
    await page.goto(base + '/r/440000/2026?terms=environment');
    const marks = await page.locator('mark.term').count();
    const said = await page.locator('span.terms').innerText();
    check(marks > 0 && said.startsWith(`${marks} match`), `?terms=environment marks ${marks} terms and says so (${said.slice(0, 40)})`);
    await page.locator('mark.term').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/report-terms.png` });
  }

  // an indicator chart
  await page.goto(base + chartPath);
  const svg = page.locator('svg.chart');
  check(await svg.isVisible(), 'the indicator chart renders');
  const box = await svg.boundingBox();
  const noData = chartPath.includes('no-data');
  check(box.width > 300 && box.height > (noData ? 40 : 100), `the chart has a size (${Math.round(box.width)}x${Math.round(box.height)})`);
  const marks = await page.locator('svg.chart circle.result, svg.chart .target').count();
  if (noData)
    check((await svg.innerHTML()).includes('No figures'), 'with no figures, the chart says so');
  else
    check(marks > 0, `the chart draws ${marks} targets and results`);
  await page.screenshot({ path: `${shots}/chart.png`, fullPage: true });

  // the State Council's series: named as its reports name it, the result line broken where a year is missing
  if (chartPath.includes('440000')) {
    await page.goto(base + '/i/gdp/000000');
    const title = await page.locator('svg.chart text').first().textContent();
    check(title.includes('国内生产总值'), `the national chart names the indicator as the reports do (${title})`);
    const pieces = await page.locator('svg.chart polyline.result-line').count();
    check(pieces >= 1, `the national result line is drawn in ${pieces} piece(s)`);
    const w = (await page.locator('svg.chart').boundingBox()).width;
    check(w > 700, `the chart is as wide as the page (${Math.round(w)} px)`);
    await page.screenshot({ path: `${shots}/chart-national.png`, fullPage: true });
  }

  // the provinces' GDP targets beside their results, one year, as a chart
  await page.goto(base + '/i/gdp?level=province');
  check(await page.locator('svg.chart').isVisible(), 'the provincial GDP targets chart renders');
  const rows = await page.locator('svg.chart g').count();
  const expectRows = chartPath.includes('440000') ? 31 : 0;
  check(rows >= expectRows, `it has a row per province (${rows})`);
  await page.screenshot({ path: `${shots}/provinces.png`, fullPage: true });

  // search
  await page.goto(base + '/');
  await page.fill('header input[name=q]', '政府工作报告');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/search\?q=/);
  check((await page.locator('main mark').count()) > 0, 'search highlights what it found');
  check(/\d+ paragraphs found/.test(await page.locator('p.hits').innerText()), 'search says how many paragraphs it found');
  check((await page.locator('header input[name=q]').inputValue()) === '政府工作报告', 'the words stay in the search box');
  await page.screenshot({ path: `${shots}/search.png` });

  check(problems.length === 0, `no console errors or CSP violations (${problems.slice(0, 2).join(' | ')})`);
  console.log(`e2e: ${checks} checks passed; screenshots in ${shots}`);
} finally {
  await browser.close();
}
