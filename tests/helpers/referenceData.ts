/** The model data every test uses: the bundled reference CSVs through the one parser the app uses (no copy). */
import { referenceModelData } from '../../src/app/scenario/modelInputs';
import type { ModelData } from '../../src/model/data';

export const REFERENCE_DATA: ModelData = referenceModelData();
