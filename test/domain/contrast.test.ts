import { expect } from 'chai';
import fc from 'fast-check';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import {
  brandContrastProblems,
  contrastRatio,
  minimumContrast,
  relativeLuminance,
} from '../../src/domain/contrast.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../clocks.js';

const hex = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('colour contrast (WCAG 2.1)', () => {
  it('knows black, white and a middle grey', () => {
    expect(relativeLuminance('#000000')).to.equal(0);
    expect(relativeLuminance('#FFFFFF')).to.equal(1);
    expect(relativeLuminance('#808080')).to.be.closeTo(0.2159, 0.0001);
  });

  it('gives 21:1 for black on white and 1:1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).to.equal(21);
    expect(contrastRatio('#1d5b7f', '#1d5b7f')).to.equal(1);
  });

  it('matches known values: #767676 is the lightest grey that passes AA on white', () => {
    expect(contrastRatio('#767676', '#ffffff')).to.be.closeTo(4.54, 0.01);
    expect(contrastRatio('#777777', '#ffffff')).to.be.closeTo(4.48, 0.01);
  });

  it('is symmetric and between 1 and 21 for any two colours', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const ratio = contrastRatio(a, b);
        return ratio === contrastRatio(b, a) && ratio >= 1 && ratio <= 21;
      }),
    );
  });

  it('refuses what is not a #rrggbb colour', () => {
    expect(() => relativeLuminance('red')).to.throw(/not a colour/);
    expect(() => relativeLuminance('#fff')).to.throw(/not a colour/);
  });

  describe('brandContrastProblems', () => {
    it('finds none for the default colours', () => {
      expect(
        brandContrastProblems({ brandColor: '#1d5b7f', brandTextColor: '#ffffff' }),
      ).to.deep.equal([]);
    });

    it('finds white on yellow and yellow on white, each with its ratio', () => {
      const problems = brandContrastProblems({ brandColor: '#f0c000', brandTextColor: '#ffffff' });
      expect(problems.map((p) => p.use)).to.deep.equal(['brandText', 'brandOnWhite']);
      expect(problems[0]?.ratio).to.be.below(minimumContrast);
      expect(problems[0]).to.include({ foreground: '#ffffff', background: '#f0c000' });
    });

    it('finds only the text colour when the brand is dark but its text too', () => {
      const problems = brandContrastProblems({ brandColor: '#1d5b7f', brandTextColor: '#000000' });
      expect(problems.map((p) => p.use)).to.deep.equal(['brandText']);
    });

    it('does not round 4.49 up to a pass', () => {
      // #777777 on white is 4.478…: shown as 4.47, below 4.5.
      const [problem] = brandContrastProblems({ brandColor: '#777777', brandTextColor: '#000000' });
      expect(problem).to.include({ use: 'brandOnWhite', ratio: 4.47 });
    });
  });

  it('warns in the log at start-up, naming the setting, and starts anyway', async () => {
    const lines: string[] = [];
    const log = createLogger('warn', { write: (line: string) => void lines.push(line) });
    const app = await buildApp(
      loadConfig({ PORT: '0', BRAND_COLOR: '#f0c000', BRAND_TEXT_COLOR: '#ffffff' }),
      { clock: fixedClock(), log },
    );
    await app.close();
    const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const settings = warnings.filter((w) => 'setting' in w).map((w) => w['setting']);
    expect(settings).to.deep.equal(['BRAND_TEXT_COLOR', 'BRAND_COLOR']);
    expect(String(warnings[0]?.['msg'])).to.match(/below WCAG AA 4.5:1/);
  });
});
